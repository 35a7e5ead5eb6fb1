package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.judge.HeuristicRules;
import io.sentinelrisk.core.judge.JudgeLabels;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows and labels the judge learns from, as a pipeline config says: the training rows
 * (without the left-out scenario's), the true labels kept ({@code true_fraction}), the heuristic
 * pseudo-labels, merged with true labels first, and a report of how many labels came from where.
 *
 * @param frame  training rows
 * @param truth  the true labels of those rows before any were dropped (null when there are none)
 * @param labels the merged labels
 * @param report label counts by source, rules matched, rows left out
 */
public record JudgeTrainingSet(Frame frame, int[] truth, JudgeLabels labels, HeuristicRules rules,
                               Map<String, Object> report) {

    /**
     * @param frame    the training data as read (label column with role LABEL)
     * @param truth    its true labels (a label column or file), or null
     * @param verdicts analysts' verdicts per row (1, 0 or {@link JudgeLabels#UNKNOWN}), or null
     */
    public static JudgeTrainingSet of(JudgePipelineConfig cfg, Frame frame, int[] truth, int[] verdicts) {
        JudgePipelineConfig.LabelSettings ls = cfg.labels();
        Map<String, Object> report = new LinkedHashMap<>();
        if (ls.leaveOut() != null) {
            int[] keep = rowsWithout(frame, ls.scenarioColumn(), ls.leaveOut(), true);
            report.put("left_out_scenario", ls.leaveOut());
            report.put("left_out_rows", frame.rows() - keep.length);
            frame = frame.selectRows(keep);
            truth = truth == null ? null : select(truth, keep);
            verdicts = verdicts == null ? null : select(verdicts, keep);
        }
        int[] kept = null;
        if (truth != null && cfg.labels().trueFraction() > 0) {
            kept = cfg.labels().trueFraction() >= 1 ? truth.clone()
                    : JudgeLabels.sample(truth, cfg.labels().trueFraction(), cfg.model().randomState());
        }
        HeuristicRules rules = null;
        int[] pseudo = null;
        if (ls.heuristics() != null) {
            rules = HeuristicRules.read(ls.heuristics());
            HeuristicRules.Applied applied = rules.apply(frame);
            pseudo = applied.labels();
            report.put("rules_matched", rules.matches(applied));
        }
        if (kept == null && pseudo == null && verdicts == null) {
            throw new InputException("the judge has no labels: give a label column or file, labels.heuristics, or verdicts");
        }
        JudgeLabels labels = JudgeLabels.merge(frame.rows(), verdicts, kept, pseudo);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", frame.rows());
        out.put("label_sources", labels.counts());
        out.putAll(report);
        return new JudgeTrainingSet(frame, truth, labels, rules, out);
    }

    /**
     * Rows of {@code frame} whose {@code column} is not {@code scenario} ({@code without}) or, for
     * evaluation, rows that are normal or of {@code scenario} ({@code !without}, normal = "normal").
     */
    public static int[] rowsWithout(Frame frame, String column, String scenario, boolean without) {
        int index = frame.schema().indexOf(column);
        if (index < 0) {
            throw new InputException("leave-one-scenario-out needs the scenario column '" + column + "'; the columns are "
                    + String.join(", ", frame.schema().names()));
        }
        Column c = frame.column(index);
        int[] keep = new int[frame.rows()];
        int k = 0;
        boolean seen = false;
        for (int r = 0; r < frame.rows(); r++) {
            String s = c.text(r);
            boolean match = s.equals(scenario);
            seen |= match;
            if (without ? !match : match || s.equals("normal")) {
                keep[k++] = r;
            }
        }
        if (!seen) {
            throw new InputException("scenario '" + scenario + "' does not occur in column '" + column + "'");
        }
        return java.util.Arrays.copyOf(keep, k);
    }

    private static int[] select(int[] a, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }
}
