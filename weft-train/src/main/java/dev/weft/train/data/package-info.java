/**
 * Labelled data in memory: {@link dev.weft.train.data.Dataset}, seeded splits and mini-batches,
 * and the bundled {@link dev.weft.train.data.Digits} data set.
 */
package dev.weft.train.data;
