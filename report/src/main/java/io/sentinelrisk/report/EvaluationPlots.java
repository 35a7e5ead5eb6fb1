package io.sentinelrisk.report;

import io.sentinelrisk.core.evaluate.DetectorEvaluation;
import io.sentinelrisk.core.evaluate.EvaluationResult;
import io.sentinelrisk.core.evaluate.FeatureCount;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.metrics.Curves;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The plots of an evaluation, as PNGs: model comparison, ROC and precision–recall curves of all
 * detectors, and per detector the score histograms (normal vs anomaly), the confusion matrix,
 * the feature–score correlations, the deviant features among the top alerts and, for tree
 * models, the feature importance. Drawn headless with XChart.
 */
public final class EvaluationPlots {
    /** Bar charts show at most this many features (the largest in absolute value). */
    static final int MAX_BARS = 20;
    private static final int BINS = 40;

    static {
        Headless.ensure();
    }

    private EvaluationPlots() {
    }

    /** Every plot of {@code result}, comparisons first, then detector by detector. */
    public static List<Plot> render(EvaluationResult result) {
        Headless.ensure();
        List<Plot> out = new ArrayList<>();
        String part = result.bundleMode() ? "all rows" : "tested rows";
        out.add(plot("model-comparison.png", "Model comparison (" + part + ")", null, comparison(result, part)));
        out.add(plot("roc-curves.png", "ROC curves (" + part + ")", null, roc(result, part)));
        out.add(plot("precision-recall-curves.png", "Precision–recall curves (" + part + ")", null, precisionRecall(result, part)));
        for (DetectorEvaluation d : result.detectors()) {
            String p = fileStem(d.name()) + "-";
            out.add(plot(p + "score-histogram.png", d.name() + ": scores of normal and anomalous rows", d.name(),
                    histogram(result, d)));
            String cut = "flagged: score ≥ " + number(d.threshold()) + " (the " + percentile(result.settings().thresholdPercentile())
                    + " percentile of the " + part + "' scores)";
            out.add(new Plot(p + "confusion-matrix.png", d.name() + ": confusion matrix, " + cut, d.name(),
                    ConfusionMatrixImage.png(d.name() + ": confusion matrix on the " + part, cut, d.confusion())));
            out.add(plot(p + "feature-correlation.png", d.name() + ": correlation of each feature with the score", d.name(),
                    correlation(d)));
            out.add(plot(p + "deviant-features.png", d.name() + ": deviant features among the top " + d.deviantAlerts()
                    + " alerts", d.name(), deviant(result, d)));
            if (d.importance() != null) {
                out.add(plot(p + "feature-importance.png", d.name() + ": feature importance (" + d.importance().kind() + ")",
                        d.name(), importance(d)));
            }
        }
        return out;
    }

    /** Writes each plot to {@code dir} (created if needed), atomically; returns the paths. */
    public static List<Path> write(List<Plot> plots, Path dir) {
        List<Path> out = new ArrayList<>();
        for (Plot p : plots) {
            Path target = dir.resolve(p.file());
            AtomicFile.write(target, os -> os.write(p.png()));
            out.add(target);
        }
        return out;
    }

    /** A detector name as a file name: letters, digits, '-' and '_' only. */
    static String fileStem(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
        return s.isEmpty() ? "detector" : s;
    }

    private static CategoryChart comparison(EvaluationResult r, String part) {
        int k = r.settings().k();
        CategoryChart c = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(String.format(Locale.ROOT, "Model comparison on the %s (%,d anomalies in %,d rows)", part,
                        r.testAnomalies(), r.testRows()))
                .xAxisTitle("Detector").yAxisTitle("Metric value (1 = perfect)").build();
        ChartStyle.axes(c.getStyler());
        c.getStyler().setSeriesColors(new Color[] {ChartStyle.color(0), ChartStyle.color(1), ChartStyle.color(4)});
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setLabelsRotation(90);
        c.getStyler().setLabelsPosition(0.9);
        c.getStyler().setLabelsFontColorAutomaticEnabled(true);
        c.getStyler().setDecimalPattern("0.000");   // the bar labels and the axis share it
        List<String> names = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        List<Double> ap = new ArrayList<>();
        List<Double> pk = new ArrayList<>();
        for (DetectorEvaluation d : r.detectors()) {
            names.add(d.name());
            auc.add(orZero(d.rocAuc()));
            ap.add(orZero(d.averagePrecision()));
            pk.add(orZero(d.precisionAtK()));
        }
        c.addSeries("ROC AUC", names, auc);
        c.addSeries("Average precision", names, ap);
        c.addSeries("Precision@" + k, names, pk);
        return c;
    }

    private static XYChart roc(EvaluationResult r, String part) {
        XYChart c = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("ROC curves on the " + part).xAxisTitle("False positive rate").yAxisTitle("True positive rate (recall)").build();
        ChartStyle.axes(c.getStyler());
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        int i = 0;
        for (DetectorEvaluation d : r.detectors()) {
            Curves.Roc roc = d.roc();
            XYSeries s = c.addSeries(String.format(Locale.ROOT, "%s (AUC %.3f)", d.name(), d.rocAuc()), roc.fpr(), roc.tpr());
            line(s, ChartStyle.color(i++), SeriesLines.SOLID);
        }
        XYSeries chance = c.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        line(chance, ChartStyle.GREY, SeriesLines.DASH_DASH);
        return c;
    }

    private static XYChart precisionRecall(EvaluationResult r, String part) {
        XYChart c = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Precision–recall curves on the " + part).xAxisTitle("Recall").yAxisTitle("Precision").build();
        ChartStyle.axes(c.getStyler());
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.05);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        c.getStyler().setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.0");
        int i = 0;
        for (DetectorEvaluation d : r.detectors()) {
            Curves.PrecisionRecall pr = d.precisionRecall();
            XYSeries s = c.addSeries(String.format(Locale.ROOT, "%s (AP %.3f)", d.name(), d.averagePrecision()),
                    pr.recall(), pr.precision());
            line(s, ChartStyle.color(i++), SeriesLines.SOLID);
        }
        double rate = (double) r.testAnomalies() / Math.max(1, r.testRows());
        XYSeries base = c.addSeries(String.format(Locale.ROOT, "chance (anomaly rate %.3f)", rate),
                new double[] {0, 1}, new double[] {rate, rate});
        line(base, ChartStyle.GREY, SeriesLines.DASH_DASH);
        return c;
    }

    /** Share of each class per score bin, so that a few anomalies show beside many normal rows. */
    private static XYChart histogram(EvaluationResult r, DetectorEvaluation d) {
        double[] s = d.scores();
        int[] y = r.labels();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double width = (hi - lo) / BINS;
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = lo + b * width;
        }
        double[] normal = new double[BINS + 1];
        double[] anomaly = new double[BINS + 1];
        long nNormal = 0;
        long nAnomaly = 0;
        for (int i = 0; i < s.length; i++) {
            if (!Double.isFinite(s[i])) {
                continue;
            }
            int b = Math.min(BINS - 1, (int) ((s[i] - lo) / width));
            if (y[i] == 1) {
                anomaly[b]++;
                nAnomaly++;
            } else {
                normal[b]++;
                nNormal++;
            }
        }
        for (int b = 0; b < BINS; b++) {
            normal[b] /= Math.max(1, nNormal);
            anomaly[b] /= Math.max(1, nAnomaly);
        }
        // the step series needs a last point to close the last bin
        normal[BINS] = normal[BINS - 1];
        anomaly[BINS] = anomaly[BINS - 1];
        XYChart c = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(d.name() + ": score distribution, normal vs anomaly")
                .xAxisTitle("Anomaly score (higher = more anomalous)").yAxisTitle("Share of the class's rows per bin").build();
        ChartStyle.axes(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.08 * Math.max(1e-9, max(normal, anomaly)));
        c.getStyler().setXAxisDecimalPattern(decimalPattern(hi - lo));
        c.getStyler().setYAxisDecimalPattern("0.00");
        XYSeries n = c.addSeries("normal (" + nNormal + " rows)", edges, normal);
        n.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        n.setMarker(SeriesMarkers.NONE);
        n.setLineColor(ChartStyle.NORMAL);
        n.setFillColor(new Color(0x4C, 0x78, 0xA8, 110));
        XYSeries a = c.addSeries("anomaly (" + nAnomaly + " rows)", edges, anomaly);
        a.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        a.setMarker(SeriesMarkers.NONE);
        a.setLineColor(ChartStyle.ANOMALY);
        a.setFillColor(new Color(0xE4, 0x57, 0x56, 110));
        if (Double.isFinite(d.threshold())) {
            XYSeries t = c.addSeries("threshold (" + percentile(r.settings().thresholdPercentile()) + " percentile)",
                    new double[] {d.threshold(), d.threshold()}, new double[] {0, max(normal, anomaly)});
            line(t, Color.BLACK, SeriesLines.DASH_DASH);
        }
        return c;
    }

    /** Bars up for features whose high values go with high scores (red), down for the opposite (blue). */
    private static CategoryChart correlation(DetectorEvaluation d) {
        List<FeatureWeight> top = largest(d.correlations());
        CategoryChart c = barChart(d.name() + ": correlation of each feature with the score",
                "Prepared feature", "Pearson correlation with the score", top.size(), -1.0, 1.0, "0.0");
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setOverlapped(true);
        List<String> names = new ArrayList<>();
        List<Double> up = new ArrayList<>();
        List<Double> down = new ArrayList<>();
        for (FeatureWeight w : top) {
            names.add(shorten(w.feature()));
            double v = orZero(w.value());
            up.add(v > 0 ? v : 0.0);
            down.add(v < 0 ? v : 0.0);
        }
        if (names.isEmpty()) {
            names.add("(none)");
            up.add(0.0);
            down.add(0.0);
        }
        c.getStyler().setSeriesColors(new Color[] {ChartStyle.ANOMALY, ChartStyle.NORMAL});
        c.addSeries("higher value, higher score", names, up);
        c.addSeries("higher value, lower score", names, down);
        return c;
    }

    private static CategoryChart importance(DetectorEvaluation d) {
        List<FeatureWeight> top = largest(d.importance().weights());
        String what = switch (d.importance().kind()) {
            case "gini" -> "Mean decrease in impurity (share)";
            case "gain" -> "Average gain (share)";
            case "split_count" -> "Share of the trees' splits (where they looked)";
            default -> "Importance (share)";
        };
        return bars(d.name() + ": feature importance (" + d.importance().kind() + ")",
                "Prepared feature", what, top, ChartStyle.color(4), 0.0, null, "0.00");
    }

    private static CategoryChart deviant(EvaluationResult r, DetectorEvaluation d) {
        List<FeatureWeight> counts = new ArrayList<>();
        for (FeatureCount fc : d.deviantFeatures()) {
            counts.add(new FeatureWeight(fc.feature(), fc.alerts()));
        }
        if (counts.size() > MAX_BARS) {
            counts = counts.subList(0, MAX_BARS);
        }
        String dev = number(r.settings().deviation());
        CategoryChart c = bars(d.name() + ": features ≥ " + dev + " std from normal in the top " + d.deviantAlerts() + " alerts",
                "Input column", "Alerts in which the column is deviant", counts, ChartStyle.ANOMALY, 0.0,
                (double) Math.max(1, d.deviantAlerts()), "0");
        return c;
    }

    private static CategoryChart bars(String title, String xTitle, String yTitle, List<FeatureWeight> values, Color color,
                                      Double yMin, Double yMax, String pattern) {
        CategoryChart c = barChart(title, xTitle, yTitle, values.size(), yMin, yMax, pattern);
        c.getStyler().setSeriesColors(new Color[] {color});
        List<String> names = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (FeatureWeight w : values) {
            names.add(shorten(w.feature()));
            v.add(orZero(w.value()));
        }
        if (names.isEmpty()) {
            names.add("(none)");
            v.add(0.0);
        }
        CategorySeries s = c.addSeries(yTitle, names, v);
        s.setFillColor(color);
        return c;
    }

    /** An empty bar chart: no legend, feature names slanted when there are many bars. */
    private static CategoryChart barChart(String title, String xTitle, String yTitle, int bars, Double yMin, Double yMax,
                                          String pattern) {
        CategoryChart c = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT + 80)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        ChartStyle.axes(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(bars > 6 ? 45 : 0);
        c.getStyler().setYAxisDecimalPattern(pattern);
        c.getStyler().setAvailableSpaceFill(0.7);
        if (yMin != null) {
            c.getStyler().setYAxisMin(yMin);
        }
        if (yMax != null) {
            c.getStyler().setYAxisMax(yMax);
        }
        return c;
    }

    /** The {@link #MAX_BARS} weights largest in absolute value (NaN last), largest first. */
    private static List<FeatureWeight> largest(List<FeatureWeight> ws) {
        List<FeatureWeight> sorted = new ArrayList<>(ws);
        sorted.sort(Comparator.comparingDouble((FeatureWeight w) -> Double.isNaN(w.value()) ? 1 : -Math.abs(w.value())));
        return sorted.subList(0, Math.min(MAX_BARS, sorted.size()));
    }

    private static Plot plot(String file, String title, String section, Chart<?, ?> chart) {
        try {
            return new Plot(file, title, section, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file, e);
        }
    }

    private static void line(XYSeries s, Color color, java.awt.BasicStroke stroke) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setLineWidth(2.5f);
    }

    private static double max(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.max(a[i], b[i]));
        }
        return m;
    }

    private static double orZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String shorten(String name) {
        return name.length() <= 28 ? name : name.substring(0, 27) + "…";
    }

    static String percentile(double p) {
        String n = number(p);
        return n + (n.endsWith("1") && !n.endsWith("11") ? "st" : n.endsWith("2") && !n.endsWith("12") ? "nd"
                : n.endsWith("3") && !n.endsWith("13") ? "rd" : "th");
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String decimalPattern(double range) {
        return range >= 100 ? "#,##0" : range >= 1 ? "0.0#" : "0.0###";
    }
}
