package io.sentinelrisk.core.drift;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The drift of one column (or of the score) against its training profile. {@code ks} and
 * {@code ks_p_value} are given for numbers only.
 */
@JsonPropertyOrder({"column", "kind", "psi", "ks", "ks_p_value", "training_missing_share", "missing_share", "verdict"})
public record ColumnDrift(@JsonProperty("column") String column,
                          @JsonProperty("kind") String kind,
                          @JsonProperty("psi") double psi,
                          @JsonProperty("ks") @JsonInclude(JsonInclude.Include.NON_NULL) Double ks,
                          @JsonProperty("ks_p_value") @JsonInclude(JsonInclude.Include.NON_NULL) Double ksPValue,
                          @JsonProperty("training_missing_share") double trainingMissingShare,
                          @JsonProperty("missing_share") double missingShare,
                          @JsonProperty("verdict") Verdict verdict) {
}
