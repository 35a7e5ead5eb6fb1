package io.sentinelrisk.server.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.drift.ColumnDrift;
import io.sentinelrisk.core.drift.ColumnProfile;
import io.sentinelrisk.core.drift.DriftAnalysis;
import io.sentinelrisk.core.drift.DriftReport;
import io.sentinelrisk.core.drift.DriftWindow;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.server.scoring.ProfiledInputs;
import io.sentinelrisk.server.store.EventInputStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recent events of one source against the bundle's training profile: core's drift report
 * (PSI and KS per column and of the score, docs/drift.md) and, per column, the training and
 * recent shares over the same bins the PSI reads (training deciles, or the training categories,
 * "other" and "missing"), which is what the Distributions page draws.
 */
public final class FeatureDrift {
    private FeatureDrift() {
    }

    /** One column's distribution: bin labels, training shares and recent shares (same length), with its drift. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ColumnView(@JsonProperty("column") String column,
                             @JsonProperty("kind") String kind,
                             @JsonProperty("psi") double psi,
                             @JsonProperty("ks") Double ks,
                             @JsonProperty("ks_p_value") Double ksPValue,
                             @JsonProperty("verdict") String verdict,
                             @JsonProperty("bins") List<String> bins,
                             @JsonProperty("training") double[] training,
                             @JsonProperty("recent") double[] recent) {
    }

    /** A source's drift: rows compared, the overall verdict, the score's and every column's view. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SourceView(@JsonProperty("source") String source,
                             @JsonProperty("rows") long rows,
                             @JsonProperty("training_rows") long trainingRows,
                             @JsonProperty("verdict") String verdict,
                             @JsonProperty("drifted_columns") List<String> driftedColumns,
                             @JsonProperty("score") ColumnView score,
                             @JsonProperty("columns") List<ColumnView> columns) {
    }

    public static SourceView of(String source, TrainingProfile profile, List<EventInputStore.Row> rows) {
        ProfiledInputs.Decoded d = ProfiledInputs.decode(profile, rows);
        DriftWindow window = new DriftWindow(profile, Math.max(1, rows.size()));
        window.addAll(d.frame(), d.scores());
        DriftReport report = DriftAnalysis.report(window);
        List<ColumnView> columns = new ArrayList<>();
        for (int k = 0; k < profile.columns().size(); k++) {
            columns.add(view(profile.columns().get(k), report.columns().get(k), d.frame(), k));
        }
        ColumnView score = numeric(profile.score(), report.score(), d.scores());
        return new SourceView(source, report.rows(), report.trainingRows(), report.verdict().id(), report.driftedColumns(),
                score, columns);
    }

    private static ColumnView view(ColumnProfile p, ColumnDrift drift, Frame frame, int k) {
        return switch (p) {
            case ColumnProfile.Numeric n -> numeric(n, drift, ((Column.Numeric) frame.column(k)).values());
            case ColumnProfile.Categorical c -> categorical(c, drift, (Column.Categorical) frame.column(k));
        };
    }

    private static ColumnView numeric(ColumnProfile.Numeric p, ColumnDrift drift, double[] values) {
        double[] edges = p.edges();
        double[] trainShares = p.binShares();
        int bins = trainShares.length;
        double[] training = new double[bins + 1];
        double[] recent = new double[bins + 1];
        for (int b = 0; b < bins; b++) {
            training[b] = trainShares[b] * (1 - p.missingShare());
        }
        training[bins] = p.missingShare();
        for (double v : values) {
            recent[Double.isNaN(v) ? bins : p.bin(v)]++;
        }
        share(recent, values.length);
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(b == 0 ? (edges.length == 0 ? "all" : "≤ " + num(edges[0]))
                    : b == edges.length ? "> " + num(edges[b - 1]) : num(edges[b - 1]) + " – " + num(edges[b]));
        }
        labels.add("missing");
        return new ColumnView(p.column(), "numeric", drift.psi(), drift.ks(), drift.ksPValue(), drift.verdict().id(),
                labels, training, recent);
    }

    private static ColumnView categorical(ColumnProfile.Categorical p, ColumnDrift drift, Column.Categorical column) {
        List<String> categories = p.categories();
        int other = categories.size();
        double[] training = new double[other + 2];
        double[] recent = new double[other + 2];
        double present = 1 - p.missingShare();
        for (int i = 0; i < other; i++) {
            training[i] = p.shares().get(categories.get(i)) * present;
        }
        training[other] = p.otherShare() * present;
        training[other + 1] = p.missingShare();
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < other; i++) {
            index.put(categories.get(i), i);
        }
        for (int r = 0; r < column.size(); r++) {
            recent[column.isMissing(r) ? other + 1 : index.getOrDefault(column.text(r), other)]++;
        }
        share(recent, column.size());
        List<String> labels = new ArrayList<>(categories);
        labels.add("other");
        labels.add("missing");
        return new ColumnView(p.column(), "categorical", drift.psi(), null, null, drift.verdict().id(), labels, training, recent);
    }

    private static void share(double[] counts, int n) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = n == 0 ? 0 : counts[i] / n;
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
