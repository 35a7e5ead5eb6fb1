package io.sentinelrisk.cli;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.error.DisplayText;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.BusinessSummary;
import io.sentinelrisk.core.export.ScorecardExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.export.TopAlerts;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.BusinessLine;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.metrics.LabelledMetrics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the exports a command was asked for, and prints the short summary on stdout. */
final class Outputs {
    /** Longest reason shown on the terminal (a column name or the usual categories may be long too). */
    private static final int MAX_REASON_SHOWN = 240;

    private Outputs() {
    }

    static void write(ExportOptions options, ScoredData data, int topN, char delimiter, SummaryReport report) {
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
    static void printSummary(PrintWriter out, ScoredData data, SummaryReport report, int shown) {
        long[] counts = data.scores().severityCounts();
        out.printf(Locale.ROOT, "%d rows scored by %s: %d anomalies (%.2f%%) | critical %d, high %d, medium %d, info %d%n",
                data.scores().rows(), data.pipeline().detector().type(), data.scores().anomalyCount(),
                100.0 * data.scores().anomalyCount() / Math.max(1, data.scores().rows()),
                counts[Severity.CRITICAL.ordinal()], counts[Severity.HIGH.ordinal()],
                counts[Severity.MEDIUM.ordinal()], counts[Severity.INFO.ordinal()]);
        LabelledMetrics m = report.metrics();
        if (m != null) {
            out.printf(Locale.ROOT, "labels: precision %.3f, recall %.3f, F1 %.3f, ROC AUC %s, average precision %s, precision@%d %s%n",
                    m.precision(), m.recall(), m.f1(), fmt(m.rocAuc()), fmt(m.averagePrecision()),
                    m.precisionAtK().k(), fmt(m.precisionAtK().precision()));
        }
        int[] top = TopAlerts.select(data.scores().score(), shown);
        if (top.length > 0) {
            out.println("top alerts:");
        }
        int topFeatures = Math.max(1, data.pipeline().config().explainTopFeatures());
        FrameMapper mapper = data.mapper().orElse(null);
        for (int rank = 0; rank < top.length; rank++) {
            int row = top[rank];
            List<Reason> reasons = data.pipeline().explain(data.frame(), row, topFeatures);
            String why = Explainer.narrative(forDisplay(reasons));
            if (mapper == null) {
                out.printf(Locale.ROOT, "  %d. row %d  risk %.1f  %s  %s%n", rank + 1, row,
                        data.scores().risk()[row], data.scores().severity()[row].id(), why);
            } else {
                Business b = data.business(mapper, row, true, () -> reasons);
                out.printf(Locale.ROOT, "  %d. row %d  risk %.1f  %s  %s%n     %s%n     why: %s%n", rank + 1, row,
                        data.scores().risk()[row], data.scores().severity()[row].id(), b.category(),
                        DisplayText.truncate(b.narrative(), MAX_REASON_SHOWN * 2), why);
            }
        }
        if (report.business() != null) {
            printBusiness(out, report.business());
        }
        out.flush();
    }

    /** Alerts and estimated cost per category, then the total per currency. */
    private static void printBusiness(PrintWriter out, BusinessSummary b) {
        out.printf(Locale.ROOT, "alerts and estimated cost per category (%s; cost per alert × alerts):%n", b.mapping());
        int width = Math.max(8, b.categories().stream().mapToInt(c -> c.category().length()).max().orElse(8));
        for (BusinessSummary.CategoryTotal c : b.categories()) {
            out.printf(Locale.ROOT, "  %-" + width + "s %7d  %s%n", c.category(), c.alerts(),
                    c.estimatedCost() == null ? "cost not stated" : BusinessLine.money(c.estimatedCost(), c.currency()));
        }
        StringBuilder total = new StringBuilder();
        for (BusinessSummary.CurrencyTotal t : b.totals()) {
            total.append(total.isEmpty() ? "" : " + ").append(BusinessLine.money(t.estimatedCost(), t.currency()));
        }
        out.printf(Locale.ROOT, "  %-" + width + "s %7d  %s%n", "total", b.alerts(), total.isEmpty() ? "cost not stated" : total);
    }

    /**
     * The reasons with values cut for the terminal (docs/outputs.md, "On the terminal"): a record's value
     * may be megabytes long; the exports keep it whole.
     */
    static List<Reason> forDisplay(List<Reason> reasons) {
        List<Reason> out = new ArrayList<>(reasons.size());
        for (Reason r : reasons) {
            String value = DisplayText.truncate(r.value());
            String text = r.value() == null || r.value().isEmpty() ? r.narrative() : r.narrative().replace(r.value(), value);
            out.add(new Reason(r.feature(), value, r.baseline(), r.deviation(), DisplayText.truncate(text, MAX_REASON_SHOWN)));
        }
        return out;
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
