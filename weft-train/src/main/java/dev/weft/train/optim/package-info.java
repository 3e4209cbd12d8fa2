/**
 * Optimizers: {@link dev.weft.train.optim.Sgd} (with momentum), {@link dev.weft.train.optim.Adam}
 * and {@link dev.weft.train.optim.RmsProp}. Each updates parameter tensors in place.
 */
package dev.weft.train.optim;
