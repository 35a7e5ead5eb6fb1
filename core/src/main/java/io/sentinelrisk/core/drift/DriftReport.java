package io.sentinelrisk.core.drift;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What {@code sentinel drift} reports and what streaming drift windows emit: the drift of every
 * model input column and of the score, the thresholds the verdicts used, and the worst verdict.
 */
@JsonPropertyOrder({"rows", "training_rows", "verdict", "drifted_columns", "thresholds", "score", "columns"})
public record DriftReport(@JsonProperty("rows") long rows,
                          @JsonProperty("training_rows") long trainingRows,
                          @JsonProperty("verdict") Verdict verdict,
                          @JsonProperty("drifted_columns") List<String> driftedColumns,
                          @JsonProperty("thresholds") Thresholds thresholds,
                          @JsonProperty("score") ColumnDrift score,
                          @JsonProperty("columns") List<ColumnDrift> columns) {

    public DriftReport {
        driftedColumns = List.copyOf(driftedColumns);
        columns = List.copyOf(columns);
    }

    /** The PSI thresholds of the verdicts and the fewest rows that get one. */
    @JsonPropertyOrder({"moderate_psi", "significant_psi", "min_rows"})
    public record Thresholds(@JsonProperty("moderate_psi") double moderatePsi,
                             @JsonProperty("significant_psi") double significantPsi,
                             @JsonProperty("min_rows") int minRows) {
        static final Thresholds DEFAULT = new Thresholds(Verdict.MODERATE_AT, Verdict.SIGNIFICANT_AT, DriftAnalysis.MIN_ROWS);
    }
}
