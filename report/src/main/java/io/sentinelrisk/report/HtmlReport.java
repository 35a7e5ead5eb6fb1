package io.sentinelrisk.report;

import io.sentinelrisk.core.ProductVersion;
import io.sentinelrisk.core.evaluate.DetectorEvaluation;
import io.sentinelrisk.core.evaluate.EvaluatedAlert;
import io.sentinelrisk.core.evaluate.EvaluationResult;
import io.sentinelrisk.core.evaluate.EvaluationProtocol;
import io.sentinelrisk.core.evaluate.EvaluationSettings;
import io.sentinelrisk.core.evaluate.ScenarioRecall;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.metrics.Confusion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation as one self-contained HTML file: inline CSS, the plots embedded as PNG data
 * URIs, no script and no external reference, so it opens offline in any browser and can be
 * mailed as one attachment. Every value that comes from the data (file names, column names,
 * ids, categories, narratives) is escaped with {@link Html#escape}.
 */
public final class HtmlReport {
    /** SHAP contributions shown per alert (the largest). */
    static final int SHAP_SHOWN = 5;

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1f2933;background:#f7f8fa}
            main{max-width:1100px;margin:0 auto;padding:24px 32px 48px;background:#fff}
            h1{font-size:28px;margin:8px 0 4px}h2{font-size:22px;margin:36px 0 8px;border-bottom:2px solid #e4e7eb;padding-bottom:4px}
            h3{font-size:18px;margin:24px 0 8px}
            p.sub{color:#52606d;margin:0 0 16px}
            .scroll{overflow-x:auto;margin:8px 0 16px}
            table{border-collapse:collapse;font-size:14px;width:100%}
            th,td{border:1px solid #d9dee3;padding:5px 8px;text-align:left;vertical-align:top}
            th{background:#f0f3f6;font-weight:600}
            td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.anomaly td:first-child{border-left:4px solid #e45756}
            figure{margin:16px 0;text-align:center}
            figure img{max-width:100%;height:auto;border:1px solid #e4e7eb}
            figcaption{color:#52606d;font-size:14px;margin-top:4px}
            dl{display:grid;grid-template-columns:max-content auto;gap:4px 16px;font-size:14px}
            dt{color:#52606d}dd{margin:0}
            .sev-critical{color:#b42318;font-weight:600}.sev-high{color:#c4320a}.sev-medium{color:#b54708}
            .shap{font-size:13px;color:#3e4c59}
            footer{color:#7b8794;font-size:12px;margin-top:40px}
            """;

    private HtmlReport() {
    }

    /** The report as HTML text. */
    public static String render(EvaluationResult r, List<Plot> plots) {
        StringBuilder h = new StringBuilder(1 << 16);
        String source = Html.escape(r.source());
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>SentinelRisk evaluation: ").append(source).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>Evaluation of ").append(detectorList(r)).append("</h1>\n");
        h.append("<p class=\"sub\">on <b>").append(source).append("</b>, ").append(r.bundleMode()
                ? "scored with the model <b>" + Html.escape(r.model()) + "</b> (every row; nothing fitted)"
                : r.settings().protocol() == EvaluationProtocol.UNSUPERVISED
                ? "unsupervised protocol: fitted on every row without labels, tested on the same rows"
                : r.settings().protocol() == EvaluationProtocol.ADBENCH
                ? "adbench protocol: fitted on every row of a seeded stratified training part, its anomalies left in "
                        + "(unlabelled); tested on the held-out test part"
                : r.settings().allAnomaliesInTest()
                ? "seeded split: fitted on the normal rows of the training part only, tested on every other row"
                : "seeded stratified split: unsupervised detectors fitted on the normal rows of the training part only, "
                        + "supervised ones on all of it; all tested on the held-out test part")
                .append("</p>\n");
        protocol(h, r);
        metricsTable(h, r);
        scenarioTable(h, r);
        h.append("<h2>Comparison</h2>\n");
        for (Plot p : plots) {
            if (p.section() == null) {
                figure(h, p);
            }
        }
        for (DetectorEvaluation d : r.detectors()) {
            h.append("<h2 id=\"").append(Html.escape(EvaluationPlots.fileStem(d.name()))).append("\">")
                    .append(Html.escape(d.name())).append("</h2>\n");
            for (Plot p : plots) {
                if (d.name().equals(p.section())) {
                    figure(h, p);
                }
            }
            alerts(h, r, d);
        }
        h.append("<footer>SentinelRisk ").append(Html.escape(ProductVersion.get()))
                .append(" · sentinel evaluate · self-contained report (no scripts, no external resources)</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    /** Writes the report atomically. */
    public static void write(Path target, EvaluationResult r, List<Plot> plots) {
        byte[] bytes = render(r, plots).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(target, os -> os.write(bytes));
    }

    private static String detectorList(EvaluationResult r) {
        StringBuilder sb = new StringBuilder();
        for (DetectorEvaluation d : r.detectors()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(Html.escape(d.name()));
        }
        return sb.toString();
    }

    private static void protocol(StringBuilder h, EvaluationResult r) {
        EvaluationSettings s = r.settings();
        h.append("<dl>\n");
        dd(h, "rows in the input", String.format(Locale.ROOT, "%,d (%,d labelled anomalies, %s)", r.rows(), r.anomalies(),
                pct((double) r.anomalies() / Math.max(1, r.rows()))));
        if (!r.bundleMode() && r.settings().protocol().splits()) {
            dd(h, "training part", String.format(Locale.ROOT, "%,d rows (%s of each class, seed %d); %,d of them normal",
                    r.trainRows(), pct(s.trainFraction()), s.randomState(), r.trainNormalRows()));
        }
        String tested = r.bundleMode() || !s.protocol().splits() ? "every row"
                : s.allAnomaliesInTest() ? "every row not fitted on: the test part and the training part's anomalies"
                : "the held-out test part";
        dd(h, "tested rows", String.format(Locale.ROOT, "%,d rows, %,d anomalies (%s)", r.testRows(), r.testAnomalies(), tested));
        dd(h, "threshold", "score ≥ the " + EvaluationPlots.percentile(s.thresholdPercentile())
                + " percentile of the tested rows' scores (confusion matrix, precision, recall, F1, recall per scenario)");
        dd(h, "precision@k", "k = " + s.k());
        h.append("</dl>\n");
    }

    private static void dd(StringBuilder h, String term, String value) {
        h.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
    }

    private static void metricsTable(StringBuilder h, EvaluationResult r) {
        int k = r.settings().k();
        h.append("<h2>Metrics</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th>detector</th><th>fitted on</th><th>ROC AUC</th>")
                .append("<th>average precision</th><th>precision@").append(k).append("</th><th>threshold</th>")
                .append("<th>TP</th><th>FP</th><th>TN</th><th>FN</th><th>precision</th><th>recall</th><th>F1</th>")
                .append("<th>fit (s)</th><th>score (s)</th></tr></thead>\n<tbody>\n");
        for (DetectorEvaluation d : r.detectors()) {
            Confusion c = d.confusion();
            h.append("<tr><td>").append(Html.escape(d.name())).append("</td>");
            String fitted = r.bundleMode() ? "bundle" : String.format(Locale.ROOT, "%,d %s rows", d.fittedRows(),
                    d.supervised() ? "labelled" : "normal");
            // auto fits differently on rows declared clean: say which way it ran
            cell(h, d.baseline() == null ? fitted : fitted + ", baseline " + d.baseline());
            cell(h, f3(d.rocAuc()));
            cell(h, f3(d.averagePrecision()));
            cell(h, f3(d.precisionAtK()));
            cell(h, EvaluationPlots.number(d.threshold()));
            cell(h, Long.toString(c.tp()));
            cell(h, Long.toString(c.fp()));
            cell(h, Long.toString(c.tn()));
            cell(h, Long.toString(c.fn()));
            cell(h, f3(c.precision()));
            cell(h, f3(c.recall()));
            cell(h, f3(c.f1()));
            cell(h, String.format(Locale.ROOT, "%.2f", d.fitMillis() / 1000));
            cell(h, String.format(Locale.ROOT, "%.2f", d.scoreMillis() / 1000));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void scenarioTable(StringBuilder h, EvaluationResult r) {
        if (r.scenarios() == null || r.detectors().isEmpty()) {
            return;
        }
        Map<String, Integer> anomalies = new TreeMap<>();
        for (ScenarioRecall s : r.detectors().get(0).recallPerScenario()) {
            anomalies.put(s.scenario(), s.anomalies());
        }
        h.append("<h2>Recall per scenario</h2>\n<p class=\"sub\">Labelled anomalies of each scenario flagged at the threshold.</p>\n")
                .append("<div class=\"scroll\"><table>\n<thead><tr><th>scenario</th><th>anomalies</th>");
        for (DetectorEvaluation d : r.detectors()) {
            h.append("<th>").append(Html.escape(d.name())).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, Integer> e : anomalies.entrySet()) {
            h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td>");
            cell(h, Integer.toString(e.getValue()));
            for (DetectorEvaluation d : r.detectors()) {
                ScenarioRecall s = d.recallPerScenario().stream().filter(x -> x.scenario().equals(e.getKey()))
                        .findFirst().orElse(null);
                cell(h, s == null ? "–" : String.format(Locale.ROOT, "%d (%s)", s.detected(), pct(s.recall())));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void alerts(StringBuilder h, EvaluationResult r, DetectorEvaluation d) {
        List<EvaluatedAlert> alerts = d.topAlerts();
        if (alerts.isEmpty()) {
            return;
        }
        businessTable(h, d.name(), alerts);
        boolean business = alerts.stream().anyMatch(a -> a.business() != null);
        boolean scenarios = alerts.get(0).scenario() != null;
        boolean ids = alerts.stream().anyMatch(a -> a.id() != null);
        boolean shap = alerts.stream().anyMatch(a -> a.shap() != null);
        h.append("<h3>Top ").append(alerts.size()).append(" alerts of ").append(Html.escape(d.name())).append("</h3>\n")
                .append("<p class=\"sub\">Why each is odd: how far its values are from the normal baseline learned in training, "
                        + "in robust standard deviations").append(shap ? "; SHAP: each feature's contribution to the log-odds" : "")
                .append(".</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>#</th><th>line</th>");
        if (ids) {
            h.append("<th>id</th>");
        }
        h.append("<th>score</th><th>risk</th><th>severity</th><th>label</th>");
        if (scenarios) {
            h.append("<th>scenario</th>");
        }
        h.append("<th>why</th>");
        if (business) {
            h.append("<th>what it means</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (EvaluatedAlert a : alerts) {
            h.append(a.label() == 1 ? "<tr class=\"anomaly\">" : "<tr>");
            cell(h, Integer.toString(a.rank()));
            cell(h, a.line() >= 0 ? Long.toString(a.line()) : "row " + (a.row() + 1));
            if (ids) {
                h.append("<td>").append(Html.escape(a.id())).append("</td>");
            }
            cell(h, EvaluationPlots.number(a.score()));
            cell(h, String.format(Locale.ROOT, "%.1f", a.risk()));
            h.append("<td class=\"sev-").append(Html.escape(a.severity())).append("\">").append(Html.escape(a.severity())).append("</td>");
            h.append("<td>").append(a.label() == 1 ? "anomaly" : "normal").append("</td>");
            if (scenarios) {
                h.append("<td>").append(Html.escape(a.scenario())).append("</td>");
            }
            h.append("<td>").append(Html.escape(a.narrative()));
            if (a.shap() != null) {
                h.append("<div class=\"shap\">SHAP: ");
                List<FeatureWeight> cs = a.shap().contributions();
                for (int i = 0; i < Math.min(SHAP_SHOWN, cs.size()); i++) {
                    if (i > 0) {
                        h.append(", ");
                    }
                    h.append(Html.escape(cs.get(i).feature())).append(' ')
                            .append(String.format(Locale.ROOT, "%+.2f", cs.get(i).value()));
                }
                h.append(String.format(Locale.ROOT, " (bias %+.2f)", a.shap().bias())).append("</div>");
            }
            h.append("</td>");
            if (business) {
                h.append("<td>").append(a.business() == null ? "" : Html.escape(a.business().narrative())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    /**
     * What the top alerts mean to the business (the model's mapping, docs/mapping.md): per category,
     * in order of first appearance, the alerts, the cost at risk (cost per alert × alerts, per
     * currency), the risk level, SLA, first action and escalation. Nothing without a mapping.
     */
    private static void businessTable(StringBuilder h, String detector, List<EvaluatedAlert> alerts) {
        Map<String, List<Business>> byCategory = new LinkedHashMap<>();
        for (EvaluatedAlert a : alerts) {
            if (a.business() != null) {
                byCategory.computeIfAbsent(a.business().category(), k -> new java.util.ArrayList<>()).add(a.business());
            }
        }
        if (byCategory.isEmpty()) {
            return;
        }
        h.append("<h3>What the top ").append(alerts.size()).append(" alerts of ").append(Html.escape(detector))
                .append(" mean to the business</h3>\n<p class=\"sub\">Per category of the business mapping: the cost at risk is "
                        + "the category's estimated cost per alert times its alerts among these.</p>\n")
                .append("<div class=\"scroll\"><table>\n<thead><tr><th>category</th><th>alerts</th><th>cost at risk</th>")
                .append("<th>risk</th><th>SLA</th><th>action</th><th>escalation</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<String, List<Business>> e : byCategory.entrySet()) {
            Business b = e.getValue().get(0);
            h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td>");
            cell(h, Integer.toString(e.getValue().size()));
            cell(h, b.estimatedCost() == null ? "–" : money(b.estimatedCost() * e.getValue().size(), b.currency()));
            h.append("<td class=\"sev-").append(Html.escape(b.riskLevel())).append("\">").append(Html.escape(b.riskLevel()))
                    .append("</td>");
            cell(h, b.slaMinutes() == null ? "–" : b.slaMinutes() + " min");
            h.append("<td>").append(Html.escape(b.recommendedAction())).append("</td><td>")
                    .append(Html.escape(String.join(" → ", b.escalation()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static String money(double amount, String currency) {
        return String.format(Locale.ROOT, "%,.0f %s", amount, currency == null ? "" : currency).strip();
    }

    private static void figure(StringBuilder h, Plot p) {
        String title = Html.escape(p.title());
        h.append("<figure><img alt=\"").append(title).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(p.png())).append("\"><figcaption>").append(title)
                .append("</figcaption></figure>\n");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(Html.escape(text)).append("</td>");
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
    }
}
