package io.sentinelrisk.core.drift;

import java.util.List;

/**
 * The training profile a bundle keeps for drift detection: one {@link ColumnProfile} per model
 * input column, in schema order, and one of the raw training scores.
 */
public record TrainingProfile(List<ColumnProfile> columns, ColumnProfile.Numeric score) {
    /** The name the score's profile and drift go by. */
    public static final String SCORE = "score";

    public TrainingProfile {
        columns = List.copyOf(columns);
    }
}
