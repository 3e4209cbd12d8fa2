package dev.weft.train.report;

/** What one epoch achieved: mean training loss, and accuracy on the training and held-out sets. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {}
