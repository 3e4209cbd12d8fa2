/**
 * Neural-network layers as differentiable graph ops for training: 2-D {@link dev.weft.graph.ops.nn.Conv2d},
 * {@link dev.weft.graph.ops.nn.MaxPool2d} and {@link dev.weft.graph.ops.nn.Flatten}. Forward passes use
 * the fast kernels of {@code dev.weft.tensor.nn}; the backward passes are direct loops, sized for the
 * small models trained here.
 */
package dev.weft.graph.ops.nn;
