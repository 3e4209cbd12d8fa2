/** Trainable models as graphs: {@link dev.weft.train.model.Model} and the builders that make them. */
package dev.weft.train.model;
