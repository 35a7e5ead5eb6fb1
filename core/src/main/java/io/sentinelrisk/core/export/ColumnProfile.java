package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One input column in the summary report's {@code data_profile}: its type, role, missing count
 * and a sketch of its values that depends on its kind. Statistics over no value are left out.
 */
public sealed interface ColumnProfile {
    @JsonProperty("type")
    String type();

    @JsonProperty("role")
    String role();

    @JsonProperty("missing")
    long missing();

    /** A numeric or boolean column: min, median, mean and max of its finite values. */
    @JsonPropertyOrder({"type", "role", "missing", "min", "median", "mean", "max"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Numeric(String type, String role, long missing,
                   @JsonProperty("min") Double min, @JsonProperty("median") Double median,
                   @JsonProperty("mean") Double mean, @JsonProperty("max") Double max) implements ColumnProfile {
    }

    /** A categorical column: the number of distinct values present. */
    @JsonPropertyOrder({"type", "role", "missing", "distinct"})
    record Categorical(String type, String role, long missing,
                       @JsonProperty("distinct") long distinct) implements ColumnProfile {
    }

    /** A timestamp column: the earliest and latest instant (ISO-8601, UTC). */
    @JsonPropertyOrder({"type", "role", "missing", "min", "max"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Timestamp(String type, String role, long missing,
                     @JsonProperty("min") String min, @JsonProperty("max") String max) implements ColumnProfile {
    }
}
