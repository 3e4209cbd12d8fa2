/**
 * Symbolic reverse-mode differentiation: {@link dev.weft.graph.autodiff.Autodiff#grad} adds the
 * backward pass to a graph as ordinary nodes, built from each op's
 * {@link dev.weft.graph.Differentiable} rule, so the sequential and the concurrent machine both
 * run forward and backward alike.
 */
package dev.weft.graph.autodiff;
