package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.explain.FeatureWeight;

import java.util.List;

/**
 * What the hybrid judge says about one record, beside the detector's z-score reasons.
 *
 * @param probability    the judge's anomaly probability (also the record's {@code score})
 * @param detectorScore  the unsupervised stage's raw score (the autoencoder's reconstruction error)
 * @param predictedClass the category the judge predicts, or null when it predicts none
 * @param attributions   the strongest TreeSHAP contributions of the judge's inputs to the
 *                       record's log-odds, largest |contribution| first (empty when not asked for)
 */
public record JudgeVerdict(double probability, double detectorScore, String predictedClass, List<FeatureWeight> attributions) {
    public JudgeVerdict {
        attributions = List.copyOf(attributions);
    }
}
