package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.neighbors.DistinctRows;
import io.sentinelrisk.core.evaluate.EvaluationProtocol;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * kNN and LOF on data with copies of rows, under each {@code duplicates} rule, beside the same
 * detector on the de-duplicated data, under the three protocols of {@code sentinel evaluate} as
 * bench/accuracy.sh runs them (split seed 1): unsupervised (fit on all rows, ROC AUC of the
 * fit-time scores over all rows), semi-supervised (fit on the normal rows of an 80% stratified
 * part; score the other 20% and the part's anomalies as new rows) and adbench (fit on a 70%
 * stratified part, anomalies included; score the other 30%). Features are standardised on the
 * fitted rows. Data: every
 * labelled CSV of a folder that has copies, and two generated sets (Gaussian rows, 10% wider-spread
 * anomalies, each row repeated 1-16 or 1-50 times independently of its label). The de-duplicated
 * data is each set's distinct rows (a row is an anomaly when any of its copies is), put through
 * the same protocol.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.DuplicatesAccuracy ../shared/datasets [threads] [set,set...]</pre>
 */
public final class DuplicatesAccuracy {
    private static final Map<String, Map<String, Object>> DETECTORS = new LinkedHashMap<>();
    private static final List<String> RULES = List.of("keep", "distinct", "weighted");

    static {
        DETECTORS.put("knn", Map.of("type", "knn"));
        DETECTORS.put("knn(k=20, mean)", Map.of("type", "knn", "n_neighbors", 20, "method", "mean"));
        DETECTORS.put("lof", Map.of("type", "lof"));
    }

    private record Labelled(String name, Matrix x, int[] labels) {
    }

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        java.util.Set<String> only = args.length > 2 ? java.util.Set.of(args[2].split(",")) : null;
        List<Labelled> sets = new ArrayList<>();
        try (Stream<Path> s = Files.list(datasets)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                NumericCsv c = NumericCsv.read(p);
                if (only == null || only.contains(c.name())) {
                    sets.add(new Labelled(c.name(), c.x(), c.labels()));
                }
            }
        }
        sets.add(generated(11, 1500, 16));
        sets.add(generated(13, 800, 50));
        for (EvaluationProtocol protocol : EvaluationProtocol.values()) {
            System.out.printf(Locale.ROOT, "%n`--protocol %s`: ROC AUC%n%n", protocol.configName());
            System.out.println("| dataset | rows | copies | detector | de-duplicated data | keep | distinct | weighted |");
            System.out.println("|---|--:|--:|---|--:|--:|--:|--:|");
            for (Labelled set : sets) {
                DistinctRows u = DistinctRows.of(set.x().data(), set.x().rows(), set.x().cols());
                if (u.allDistinct()) {
                    continue;
                }
                int[] uy = new int[u.count()];
                for (int i = 0; i < set.labels().length; i++) {
                    uy[u.rowOf()[i]] = Math.max(uy[u.rowOf()[i]], set.labels()[i]);
                }
                Labelled unique = new Labelled(set.name(), new Matrix(u.count(), set.x().cols(), u.distinct()), uy);
                double copies = 1 - (double) u.count() / set.labels().length;
                for (Map.Entry<String, Map<String, Object>> e : DETECTORS.entrySet()) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %.0f%% | %s | %.4f |", set.name(),
                            set.labels().length, 100 * copies, e.getKey(), auc(e.getValue(), "distinct", unique, protocol, threads)));
                    for (String rule : RULES) {
                        line.append(String.format(Locale.ROOT, " %.4f |", auc(e.getValue(), rule, set, protocol, threads)));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    /** ROC AUC of the detector under the protocol (split seed 1, detector seed 1). */
    private static double auc(Map<String, Object> spec, String rule, Labelled set, EvaluationProtocol protocol, int threads) {
        Map<String, Object> raw = new LinkedHashMap<>(spec);
        DetectorFactory f = Detectors.byType((String) raw.remove("type"));
        raw.put("duplicates", rule);
        ProtocolAccuracy.Task task = ProtocolAccuracy.Task.of(protocol, set.x(), set.labels(), 1);
        return task.auc(f.trainer(Params.parse(raw, f.params(), "bench"), 1).fit(task.fitted(), null, threads), threads);
    }

    /** DuplicateRowsTest's recipe: Gaussian rows, 10% anomalies with 2.2 × the spread, each repeated 1 to {@code maxCopies} times. */
    private static Labelled generated(long seed, int n, int maxCopies) {
        int d = 4;
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int y = r.nextDouble() < 0.1 ? 1 : 0;
            double sd = y == 1 ? 2.2 : 1.0;
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = sd * gaussian(r);
            }
            int times = 1 + r.nextInt(maxCopies);
            for (int t = 0; t < times; t++) {
                rows.add(row);
                labels.add(y);
            }
        }
        double[] x = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * d, d);
        }
        return new Labelled("generated (1-" + maxCopies + " copies)", new Matrix(rows.size(), d, x), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
