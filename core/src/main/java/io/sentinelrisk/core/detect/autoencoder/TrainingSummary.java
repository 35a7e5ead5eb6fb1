package io.sentinelrisk.core.detect.autoencoder;

/**
 * How training went, for reports.
 *
 * @param epochsRun          epochs run before stopping (early stopping may end before {@code epochs})
 * @param bestEpoch          the epoch whose weights were kept (the last when there is no validation set)
 * @param trainLoss          mean training MSE in the last epoch run
 * @param bestValidationLoss validation MSE of the kept weights; NaN without a validation set
 */
public record TrainingSummary(int epochsRun, int bestEpoch, double trainLoss, double bestValidationLoss) {
}
