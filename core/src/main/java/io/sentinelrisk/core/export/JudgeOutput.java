package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.judge.JudgeVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * The hybrid judge's part of an {@link Alert} (present only when the bundle has a judge):
 * its probability, the autoencoder's raw score, the predicted category when the judge predicts
 * one, and the judge's strongest TreeSHAP attributions beside the z-score reasons.
 */
@JsonPropertyOrder({"probability", "detector_score", "predicted_class", "attributions"})
public record JudgeOutput(@JsonProperty("probability") double probability,
                          @JsonProperty("detector_score") double detectorScore,
                          @JsonProperty("predicted_class") @JsonInclude(JsonInclude.Include.NON_NULL) String predictedClass,
                          @JsonProperty("attributions") List<Attribution> attributions) {

    /** One judge input and its contribution to the log-odds of the record being an anomaly. */
    @JsonPropertyOrder({"input", "contribution"})
    public record Attribution(@JsonProperty("input") String input, @JsonProperty("contribution") double contribution) {
    }

    public JudgeOutput {
        attributions = List.copyOf(attributions);
    }

    static JudgeOutput of(JudgeVerdict v) {
        List<Attribution> a = new ArrayList<>();
        for (FeatureWeight w : v.attributions()) {
            a.add(new Attribution(w.feature(), Math.round(w.value() * 1e4) / 1e4));
        }
        return new JudgeOutput(v.probability(), v.detectorScore(), v.predictedClass(), a);
    }
}
