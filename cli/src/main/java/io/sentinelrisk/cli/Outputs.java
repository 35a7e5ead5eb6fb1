package io.sentinelrisk.cli;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.ScorecardExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.export.TopAlerts;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the exports a command was asked for, and prints the short summary on stdout. */
final class Outputs {
    private Outputs() {
    }

    static void write(ExportOptions options, ScoredData data, int topN, char delimiter, Map<String, Object> report) {
        if (options.json != null) {
            AlertExport.write(options.json, data, topN);
        }
        if (options.csv != null) {
            ScorecardExport.write(options.csv, data, delimiter);
        }
        if (options.report != null) {
            SummaryReport.write(options.report, report);
        }
    }

    /** A few lines for people: counts, metrics when labelled, the top alerts with their reasons. */
    @SuppressWarnings("unchecked")
    static void printSummary(PrintWriter out, ScoredData data, Map<String, Object> report, int shown) {
        long[] counts = data.scores().severityCounts();
        out.printf(Locale.ROOT, "%d rows scored by %s: %d anomalies (%.2f%%) | critical %d, high %d, medium %d, info %d%n",
                data.scores().rows(), data.pipeline().detector().type(), data.scores().anomalyCount(),
                100.0 * data.scores().anomalyCount() / Math.max(1, data.scores().rows()),
                counts[Severity.CRITICAL.ordinal()], counts[Severity.HIGH.ordinal()],
                counts[Severity.MEDIUM.ordinal()], counts[Severity.INFO.ordinal()]);
        Object metrics = report.get("metrics");
        if (metrics instanceof Map<?, ?> m) {
            Map<String, Object> pk = (Map<String, Object>) m.get("precision_at_k");
            out.printf(Locale.ROOT, "labels: precision %.3f, recall %.3f, F1 %.3f, ROC AUC %s, average precision %s, precision@%s %s%n",
                    m.get("precision"), m.get("recall"), m.get("f1"), fmt(m.get("roc_auc")),
                    fmt(m.get("average_precision")), pk.get("k"), fmt(pk.get("precision")));
        }
        int[] top = TopAlerts.select(data.scores().score(), shown);
        if (top.length > 0) {
            out.println("top alerts:");
        }
        int topFeatures = Math.max(1, data.pipeline().config().explainTopFeatures());
        for (int rank = 0; rank < top.length; rank++) {
            int row = top[rank];
            List<Reason> reasons = data.pipeline().explain(data.frame(), row, topFeatures);
            out.printf(Locale.ROOT, "  %d. row %d  risk %.1f  %s  %s%n", rank + 1, row,
                    data.scores().risk()[row], data.scores().severity()[row].id(), Explainer.narrative(reasons));
        }
        out.flush();
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : "n/a";
    }
}
