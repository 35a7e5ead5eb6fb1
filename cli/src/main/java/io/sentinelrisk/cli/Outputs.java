package io.sentinelrisk.cli;

import io.sentinelrisk.core.error.DisplayText;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.format.AlertFiles;
import io.sentinelrisk.core.export.format.ExportFormat;
import io.sentinelrisk.core.export.BusinessSummary;
import io.sentinelrisk.core.export.ScorecardExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.export.TopAlerts;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.BusinessLine;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.metrics.LabelledMetrics;

import io.sentinelrisk.core.export.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the exports a command was asked for, and prints the short summary on stdout. */
final class Outputs {
    /** Longest reason shown on the terminal (a column name or the usual categories may be long too). */
    private static final int MAX_REASON_SHOWN = 240;

    private static final Logger LOG = LoggerFactory.getLogger(Outputs.class);

    private Outputs() {
    }

    /**
     * Writes the exports of data scored whole, timing each step on {@code watch}: the top-N
     * alerts' explanations ({@code explain}), the JSON and CSV exports ({@code write}), the
     * report ({@code report}, built by {@code report} from the timings so far, then given the
     * final ones). Returns the report as written.
     */
    static SummaryReport export(ExportOptions options, ScoredData data, int topN, char delimiter, Stopwatch watch,
                                Function<Map<String, Object>, SummaryReport> report) {
        List<Alert> alerts = options.json == null ? null : AlertExport.alerts(data, topN);
        watch.lap("explain");
        if (alerts != null) {
            writeAlerts(options, alerts);
        }
        if (options.csv != null) {
            ScorecardExport.write(options.csv, data, delimiter);
        }
        watch.lap("write");
        SummaryReport built = report.apply(watch.laps());
        watch.lap("report");
        return finish(options, built, watch);
    }

    /** Writes the top-N alerts to --export-json in the --export-format asked for. */
    static void writeAlerts(ExportOptions options, List<Alert> alerts) {
        // the export's time stamps (where an alert has no event time) honour SOURCE_DATE_EPOCH, like the bundle's
        AlertFiles.write(options.json, alerts, ExportFormat.byId(options.format.name()), Bundles.createdAt());
    }

    /** Gives the report its final timings, writes it when asked, and logs the steps' times. */
    static SummaryReport finish(ExportOptions options, SummaryReport built, Stopwatch watch) {
        watch.lap("report");
        SummaryReport done = built.withTimings(watch.laps());
        if (options.report != null) {
            SummaryReport.write(options.report, done);
        }
        watch.log(LOG);
        return done;
    }

    /** A few lines for people: counts, metrics when labelled, the top alerts with their reasons. */
    static void printSummary(PrintWriter out, ScoredData data, SummaryReport report, int shown) {
        printSummary(out, data, null, report, shown);
    }

    /**
     * The same for a streamed input: the counts come from the report, the top alerts from
     * {@code top}, the rows kept of the input ({@code rowNumbers[i]} = the input's record of row
     * {@code i}; null = the same), which may be null when nothing was scored.
     */
    static void printSummary(PrintWriter out, ScoredData top, int[] rowNumbers, SummaryReport report, int shown) {
        SummaryReport.SeverityCounts counts = report.severityCounts();
        out.printf(Locale.ROOT, "%d rows scored by %s: %d anomalies (%.2f%%) | critical %d, high %d, medium %d, info %d%n",
                report.rows(), report.detector(), report.anomalies(),
                100.0 * report.anomalies() / Math.max(1, report.rows()),
                counts.critical(), counts.high(), counts.medium(), counts.info());
        if ("train".equals(report.command()) && report.training() != null
                && report.training().get("sample") instanceof Map<?, ?> sample) {
            out.printf(Locale.ROOT, "fitted on a uniform sample of %s of %s rows (--train-sample)%n", sample.get("rows"), sample.get("of"));
        }
        LabelledMetrics m = report.metrics();
        if (m != null) {
            out.printf(Locale.ROOT, "labels: precision %.3f, recall %.3f, F1 %.3f, ROC AUC %s, average precision %s, precision@%d %s%n",
                    m.precision(), m.recall(), m.f1(), fmt(m.rocAuc()), fmt(m.averagePrecision()),
                    m.precisionAtK().k(), fmt(m.precisionAtK().precision()));
        }
        int[] best = top == null ? new int[0] : TopAlerts.select(top.scores().score(), shown);
        if (best.length > 0) {
            out.println("top alerts:");
        }
        int topFeatures = top == null ? 1 : Math.max(1, top.pipeline().config().explainTopFeatures());
        FrameMapper mapper = top == null ? null : top.mapper().orElse(null);
        for (int rank = 0; rank < best.length; rank++) {
            int row = best[rank];
            long shownRow = rowNumbers == null ? row : rowNumbers[row];
            List<Reason> reasons = top.pipeline().explain(top.frame(), row, topFeatures);
            String why = Explainer.narrative(forDisplay(reasons));
            if (mapper == null) {
                out.printf(Locale.ROOT, "  %d. row %d  risk %.1f  %s  %s%n", rank + 1, shownRow,
                        top.scores().risk()[row], top.scores().severity()[row].id(), why);
            } else {
                Business b = top.business(mapper, row, true, () -> reasons);
                out.printf(Locale.ROOT, "  %d. row %d  risk %.1f  %s  %s%n     %s%n     why: %s%n", rank + 1, shownRow,
                        top.scores().risk()[row], top.scores().severity()[row].id(), b.category(),
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
