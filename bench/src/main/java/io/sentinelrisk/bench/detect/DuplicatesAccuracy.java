package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.DistinctRows;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.metrics.RankingMetrics;
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
 * detector on the de-duplicated data: every labelled CSV of a folder (fit on all rows, ROC AUC of
 * the fit-time scores over all rows, features standardised on the fitted rows) and a generated set
 * where 88% of rows are copies (1,500 distinct Gaussian rows, 10% wider-spread anomalies, each row
 * repeated 1-16 times independently of its label). The de-duplicated data is each file's distinct
 * rows (a row is an anomaly when any of its copies is), standardised on themselves.
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
        sets.add(generated(11, 1500));
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
            Matrix all = standardised(set.x());
            Matrix unique = standardised(new Matrix(u.count(), set.x().cols(), u.distinct()));
            double copies = 1 - (double) u.count() / set.labels().length;
            for (Map.Entry<String, Map<String, Object>> e : DETECTORS.entrySet()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %,d | %.0f%% | %s | %.4f |", set.name(),
                        set.labels().length, 100 * copies, e.getKey(), auc(e.getValue(), "distinct", unique, uy, threads)));
                for (String rule : RULES) {
                    line.append(String.format(Locale.ROOT, " %.4f |", auc(e.getValue(), rule, all, set.labels(), threads)));
                }
                System.out.println(line);
            }
        }
    }

    private static double auc(Map<String, Object> spec, String rule, Matrix x, int[] y, int threads) {
        Map<String, Object> raw = new LinkedHashMap<>(spec);
        DetectorFactory f = Detectors.byType((String) raw.remove("type"));
        raw.put("duplicates", rule);
        FittedDetector model = f.trainer(Params.parse(raw, f.params(), "bench"), 1).fit(x, null, threads);
        return RankingMetrics.rocAuc(TrainingScores.of(model, x, threads), y);
    }

    private static Matrix standardised(Matrix x) {
        return ScoreDump.standardise(x, x)[0];
    }

    /** The recipe of DuplicateRowsTest: Gaussian rows, 10% anomalies with 2.2 × the spread, each repeated 1-16 times. */
    private static Labelled generated(long seed, int n) {
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
            int times = 1 + r.nextInt(16);
            for (int t = 0; t < times; t++) {
                rows.add(row);
                labels.add(y);
            }
        }
        double[] x = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * d, d);
        }
        return new Labelled("generated (4 features)", new Matrix(rows.size(), d, x), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
