/**
 * Training on weft graphs. A {@link dev.weft.train.Trainer} adds the backward pass to a model's
 * graph (with {@link dev.weft.graph.autodiff.Autodiff}), runs forward and backward on any machine,
 * and lets an {@link dev.weft.train.optim.Optimizer} update the machine's variables in place.
 */
package dev.weft.train;
