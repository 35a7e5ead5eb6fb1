package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.explain.ShapValues;
import io.sentinelrisk.core.mapping.Business;

import java.util.List;

/**
 * One of the highest-scored evaluated rows, explained.
 *
 * @param rank      1 = highest score
 * @param row       0-based index of the row in the input
 * @param line      the input line where the row starts, or -1 when unknown
 * @param id        the row's id columns as text ("name=value, …" for several), or null without any
 * @param score     raw score
 * @param risk      0–100, the score's percentile among the training scores
 * @param severity  critical, high, medium or info
 * @param label     1 = labelled anomaly, 0 = normal
 * @param scenario  the row's scenario, or null without a scenario column
 * @param reasons   the strongest reasons (z-scores against the normal baseline), strongest first
 * @param narrative the reasons in one line
 * @param shap      per-feature SHAP contributions (XGBoost only), else null
 * @param business  what it means to the business (the pipeline's mapping), else null
 */
public record EvaluatedAlert(int rank, int row, long line, String id, double score, double risk, String severity,
                             int label, String scenario, List<Reason> reasons, String narrative, ShapValues shap,
                             Business business) {
    public EvaluatedAlert {
        reasons = List.copyOf(reasons);
    }
}
