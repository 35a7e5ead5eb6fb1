package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FitReport;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.evaluate.EvaluationProtocol;
import io.sentinelrisk.core.evaluate.Split;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.pipeline.Detectors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * ROC AUC of every unsupervised detector at its defaults, the default ensemble and {@code auto},
 * on every labelled CSV of a folder under the three protocols of {@code sentinel evaluate}
 * ({@link EvaluationProtocol}): unsupervised (fit on every row, measure the fit-time scores),
 * semi-supervised (80% stratified training part, normal rows only; tested on every other row),
 * adbench (70% stratified training part, anomalies left in; tested on the other 30%). Features
 * are standardised on the fitted rows, as the prepare stage does. Split and detector seeds
 * 1..seeds; the AUC is the mean over them. {@code auto} is fitted with the baseline each protocol
 * declares ({@link EvaluationProtocol#declaredBaseline()}: clean semi-supervised, as {@code sentinel
 * evaluate} does), and where that is not unknown a column {@code auto (baseline unknown)} shows it
 * without the declaration.
 *
 * <pre>
 * bench/accuracy.sh [--datasets ../shared/datasets] [--seeds 1] [--threads 2] [--include-gz] [--only a,b]
 *                   [--protocols unsupervised,semi-supervised,adbench] [--out docs/accuracy.md] [--section protocol]
 * </pre>
 * Prints the tables; with {@code --out}, replaces the section between the markers
 * {@code <!-- SECTION-tables:begin -->} and {@code <!-- SECTION-tables:end -->} of that file (appends it when absent),
 * so tables of another folder of data sets ({@code --datasets DIR --section pool}) keep their own place.
 */
public final class ProtocolAccuracy {
    /** The section {@code --out} replaces: between {@code <!-- NAME-tables:begin -->} and its end marker. */
    static final String DEFAULT_SECTION = "protocol";
    private static final List<String> SINGLES = List.of("iforest", "hbos", "ecod", "knn", "lof", "ocsvm", "kde", "autoencoder");

    /** A column of a table: detector {@code type} at its defaults but for {@code params}. */
    record Column(String name, String type, Map<String, Object> params) {
        FittedDetector fit(Matrix x, long seed, int threads) {
            DetectorFactory f = Detectors.byType(type);
            return f.trainer(Params.parse(params, f.params(), "detector (" + name + ")"), seed).fit(x, null, threads);
        }
    }

    /** The single detectors, the default ensemble, auto as the protocol declares it and, when that is clean, as unknown. */
    static List<Column> columns(EvaluationProtocol protocol) {
        List<Column> out = new ArrayList<>();
        for (String s : SINGLES) {
            out.add(new Column(s, s, Map.of()));
        }
        out.add(new Column("ensemble", "ensemble", Map.of()));
        Baseline declared = protocol.declaredBaseline();
        out.add(new Column("auto", "auto", Map.of(Baseline.PARAM, declared.configName())));
        if (declared != Baseline.UNKNOWN) {
            out.add(new Column("auto (baseline unknown)", "auto", Map.of(Baseline.PARAM, Baseline.UNKNOWN.configName())));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of("../shared/datasets");
        Path out = null;
        String section = DEFAULT_SECTION;
        int seeds = 1;
        int threads = 2;
        boolean gz = false;
        Set<String> only = null;
        List<EvaluationProtocol> protocols = List.of(EvaluationProtocol.values());
        // the command as a user types it (bench/accuracy.sh passes --datasets itself)
        List<String> shown = new ArrayList<>(List.of(args));
        int at = shown.indexOf("--datasets");
        if (at >= 0 && at + 1 < shown.size() && shown.get(at + 1).equals("../shared/datasets")) {
            shown.subList(at, at + 2).clear();
        }
        String command = "bench/accuracy.sh " + String.join(" ", shown);
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && !args[i].equals("--include-gz") && i + 1 == args.length) {
                System.err.println("accuracy: " + args[i] + " needs a value");
                System.exit(2);
            }
            switch (args[i]) {
                case "--datasets" -> datasets = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--section" -> section = args[++i];
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--include-gz" -> gz = true;
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--protocols" -> protocols = Stream.of(args[++i].split(",")).map(EvaluationProtocol::byConfigName).toList();
                default -> {
                    System.err.println("accuracy: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (!Files.isDirectory(datasets)) {
            System.err.println("accuracy: --datasets " + datasets + ": not a folder");
            System.exit(2);
        }
        String begin = "<!-- " + section + "-tables:begin -->";
        String end = "<!-- " + section + "-tables:end -->";
        boolean includeGz = gz;
        List<Path> files;
        try (Stream<Path> s = Files.list(datasets)) {
            files = s.filter(p -> p.toString().endsWith(".csv") || (includeGz && p.toString().endsWith(".csv.gz")))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            System.err.println("accuracy: --datasets " + datasets + ": no .csv file");
            System.exit(2);
        }
        StringBuilder md = new StringBuilder();
        md.append(begin).append('\n');
        md.append(String.format(Locale.ROOT, "Made by `%s` (split and detector seeds 1..%d, mean ROC AUC over them; "
                + "features standardised on the fitted rows; every detector at its defaults; `auto` with the baseline "
                + "the protocol declares, clean semi-supervised, and `auto (baseline unknown)` beside it there).%n%n",
                command.strip(), seeds));
        List<String> choices = new ArrayList<>();
        for (EvaluationProtocol protocol : protocols) {
            List<Column> detectors = columns(protocol);
            Map<String, double[]> auc = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            for (Path file : files) {
                NumericCsv data = NumericCsv.read(file);
                if (only != null && !only.contains(data.name())) {
                    continue;
                }
                names.add(data.name());
                double[] row = new double[detectors.size()];
                for (int s = 1; s <= seeds; s++) {
                    Task task = Task.of(protocol, data.x(), data.labels(), s);
                    for (int d = 0; d < detectors.size(); d++) {
                        long t0 = System.nanoTime();
                        FittedDetector model = detectors.get(d).fit(task.fitted(), s, threads);
                        double a = task.auc(model, threads);
                        row[d] += a / seeds;
                        if (model instanceof FitReport r && s == 1) {
                            choices.add(protocol.configName() + " " + data.name() + ": " + describe(r.fitReport()));
                        }
                        System.err.printf(Locale.ROOT, "%s %s seed %d %s auc %.4f (%.1f s)%n", protocol.configName(),
                                data.name(), s, detectors.get(d).name(), a, (System.nanoTime() - t0) / 1e9);
                    }
                }
                auc.put(data.name(), row);
            }
            md.append(table(protocol, detectors, names, auc));
        }
        md.append("<details><summary>Which candidates <code>auto</code> kept (seed 1)</summary>\n\n");
        for (String c : choices) {
            md.append("- ").append(c).append('\n');
        }
        md.append("\n</details>\n").append(end).append('\n');
        System.out.println(md);
        if (out != null) {
            String old = Files.exists(out) ? Files.readString(out) : "";
            int b = old.indexOf(begin);
            int e = old.indexOf(end);
            String next = b >= 0 && e > b ? old.substring(0, b) + md.toString().strip() + old.substring(e + end.length())
                    : old + "\n" + md;
            AtomicFile.writeString(out, next);
            System.err.println("wrote " + out);
        }
    }

    private static String describe(Map<String, Object> report) {
        if (Baseline.CLEAN.configName().equals(report.get(Baseline.PARAM))) {
            return String.valueOf(report.get("why"));   // "baseline declared clean: mean of ..."
        }
        StringBuilder b = new StringBuilder();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cands = (List<Map<String, Object>>) report.get("candidates");
        for (Map<String, Object> c : cands) {
            b.append(String.format(Locale.ROOT, "%s%s %.2f", b.isEmpty() ? "" : ", ",
                    Boolean.TRUE.equals(c.get("chosen")) ? c.get("member") : "~~" + c.get("member") + "~~",
                    ((Number) c.get("agreement")).doubleValue()));
        }
        return b.toString();
    }

    private record Rows(int[] fitted, int[] tested) {
    }

    /**
     * One protocol on one data set: the rows to fit on and the rows to score, standardised on the
     * fitted rows (as the prepare stage does), and the scored rows' labels.
     */
    record Task(EvaluationProtocol protocol, Matrix fitted, Matrix tested, int[] labels) {
        static Task of(EvaluationProtocol protocol, Matrix x, int[] labels, long seed) {
            Rows rows = rows(protocol, labels, seed);
            Matrix[] xs = ScoreDump.standardise(x.selectRows(rows.fitted), x.selectRows(rows.tested));
            int[] y = new int[rows.tested.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[rows.tested[i]];
            }
            return new Task(protocol, xs[0], xs[1], y);
        }

        /** ROC AUC of a model fitted on {@link #fitted()}: its fit-time scores when unsupervised, else new-row scores. */
        double auc(FittedDetector model, int threads) {
            double[] scores;
            if (protocol == EvaluationProtocol.UNSUPERVISED) {
                scores = TrainingScores.of(model, fitted, threads);
            } else {
                scores = new double[tested.rows()];
                model.score(tested, scores, threads);
            }
            return RankingMetrics.rocAuc(scores, labels);
        }
    }

    static Rows rows(EvaluationProtocol protocol, int[] labels, long seed) {
        int[] all = IntStream.range(0, labels.length).toArray();
        return switch (protocol) {
            case UNSUPERVISED -> new Rows(all, all);
            case ADBENCH -> {
                Split s = Split.stratified(labels, EvaluationProtocol.ADBENCH_TRAIN_FRACTION, seed);
                yield new Rows(s.train(), s.test());
            }
            case SEMI_SUPERVISED -> {
                Split s = Split.stratified(labels, 0.8, seed);
                int[] tested = IntStream.concat(java.util.Arrays.stream(s.test()),
                        java.util.Arrays.stream(Split.withLabel(s.train(), labels, 1))).sorted().toArray();
                yield new Rows(Split.withLabel(s.train(), labels, 0), tested);
            }
        };
    }

    private static String table(EvaluationProtocol protocol, List<Column> detectors, List<String> names,
                                Map<String, double[]> auc) {
        StringBuilder md = new StringBuilder();
        md.append("#### `--protocol ").append(protocol.configName()).append("`: ROC AUC\n\n| dataset |");
        for (Column d : detectors) {
            md.append(' ').append(d.name()).append(" |");
        }
        md.append(" best single |\n|---|");
        md.append("--:|".repeat(detectors.size() + 1)).append('\n');
        double[] mean = new double[detectors.size()];
        double bestMean = 0;
        for (String n : names) {
            double[] r = auc.get(n);
            md.append("| ").append(n).append(" |");
            double best = 0;
            for (int d = 0; d < r.length; d++) {
                md.append(String.format(Locale.ROOT, " %.4f |", r[d]));
                mean[d] += r[d] / names.size();
                if (d < SINGLES.size()) {
                    best = Math.max(best, r[d]);
                }
            }
            bestMean += best / names.size();
            md.append(String.format(Locale.ROOT, " %.4f |%n", best));
        }
        md.append("| **mean** |");
        for (double m : mean) {
            md.append(String.format(Locale.ROOT, " **%.4f** |", m));
        }
        md.append(String.format(Locale.ROOT, " **%.4f** |%n%n", bestMean));
        double bestSingle = 0;
        String bestName = "";
        for (int d = 0; d < SINGLES.size(); d++) {
            if (mean[d] > bestSingle) {
                bestSingle = mean[d];
                bestName = SINGLES.get(d);
            }
        }
        for (int c = SINGLES.size(); c < detectors.size(); c++) {
            double m = mean[c];
            double gap = bestMean - bestSingle;
            md.append(String.format(Locale.ROOT, "%s: %.4f, %s the best single detector (%s, %.4f) by %.4f; closes %.0f%% of the "
                            + "gap to the per-dataset best (%.4f).%n", detectors.get(c).name(), m,
                    m > bestSingle ? "above" : "BELOW", bestName, bestSingle, Math.abs(m - bestSingle),
                    gap > 0 ? 100 * (m - bestSingle) / gap : 0, bestMean));
        }
        md.append('\n');
        return md.toString();
    }
}
