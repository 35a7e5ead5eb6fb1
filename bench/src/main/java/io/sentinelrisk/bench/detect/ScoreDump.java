package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.evaluate.Split;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes every candidate member's raw scores, per dataset and evaluation protocol, for the study
 * of combination rules (bench/auto_study.py): {@code DIR/<set>.<protocol>.train.csv} (the fitted
 * rows' fit-time scores, one column per member) and {@code .test.csv} (label, then the tested
 * rows' scores). Features standardised on the fitted rows, as the prepare stage does. {@code .rows.csv}
 * names the file's rows behind both (part, row), for studies that need the features too.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.ScoreDump ../shared/datasets OUT_DIR [threads] [set,set...] [member seed, default 1]</pre>
 * (the splits keep seed 1 whatever the member seed, so only the randomised members move)
 */
public final class ScoreDump {
    static final Map<String, Map<String, Object>> MEMBERS = new LinkedHashMap<>();

    static {
        MEMBERS.put("iforest", Map.of("type", "iforest"));
        MEMBERS.put("hbos", Map.of("type", "hbos"));
        MEMBERS.put("ecod", Map.of("type", "ecod"));
        MEMBERS.put("knn", Map.of("type", "knn"));
        MEMBERS.put("knn_mean20", Map.of("type", "knn", "n_neighbors", 20, "method", "mean"));
        MEMBERS.put("lof", Map.of("type", "lof"));
        MEMBERS.put("lof50", Map.of("type", "lof", "n_neighbors", 50));
        MEMBERS.put("ocsvm", Map.of("type", "ocsvm"));
        MEMBERS.put("autoencoder", Map.of("type", "autoencoder"));
    }

    public static void main(String[] args) throws IOException {
        DumpRun run = DumpRun.parse(args);
        Path out = run.out();
        int threads = run.threads();
        long seed = run.seed();
        for (Path file : run.files(true)) {
            NumericCsv data = NumericCsv.read(file);
            if (!run.wanted(data)) {
                continue;
            }
            int n = data.labels().length;
            int[] all = java.util.stream.IntStream.range(0, n).toArray();
            for (String protocol : List.of("unsupervised", "adbench", "semi")) {
                int[] fitted;
                int[] tested;
                switch (protocol) {
                    case "unsupervised" -> {
                        fitted = all;
                        tested = all;
                    }
                    case "adbench" -> {
                        Split s = Split.stratified(data.labels(), 0.7, 1);
                        fitted = s.train();
                        tested = s.test();
                    }
                    default -> {
                        Split s = Split.stratified(data.labels(), 0.8, 1);
                        fitted = Split.withLabel(s.train(), data.labels(), 0);
                        int[] t = java.util.stream.IntStream.concat(java.util.Arrays.stream(s.test()),
                                java.util.Arrays.stream(Split.withLabel(s.train(), data.labels(), 1))).sorted().toArray();
                        tested = t;
                    }
                }
                Matrix[] xs = standardise(data.x().selectRows(fitted), data.x().selectRows(tested));
                double[][] train = new double[MEMBERS.size()][];
                double[][] test = new double[MEMBERS.size()][];
                int m = 0;
                for (Map.Entry<String, Map<String, Object>> e : MEMBERS.entrySet()) {
                    long t0 = System.nanoTime();
                    Map<String, Object> raw = new LinkedHashMap<>(e.getValue());
                    DetectorFactory f = Detectors.byType((String) raw.remove("type"));
                    FittedDetector model = f.trainer(Params.parse(raw, f.params(), "dump"), seed).fit(xs[0], null, threads);
                    train[m] = TrainingScores.of(model, xs[0], threads);
                    if (protocol.equals("unsupervised")) {
                        test[m] = train[m];
                    } else {
                        test[m] = new double[tested.length];
                        model.score(xs[1], test[m], threads);
                    }
                    System.err.printf(Locale.ROOT, "%s %s %s %.1f s%n", data.name(), protocol, e.getKey(), (System.nanoTime() - t0) / 1e9);
                    m++;
                }
                write(out.resolve(data.name() + "." + protocol + ".train.csv"), null, train);
                int[] y = new int[tested.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = data.labels()[tested[i]];
                }
                write(out.resolve(data.name() + "." + protocol + ".test.csv"), y, test);
                writeRows(out.resolve(data.name() + "." + protocol + ".rows.csv"), fitted, tested);
            }
        }
    }

    private static void writeRows(Path p, int[] fitted, int[] tested) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p))) {
            w.println("part,row");
            for (int r : fitted) {
                w.println("train," + r);
            }
            for (int r : tested) {
                w.println("test," + r);
            }
        }
    }

    private static void write(Path p, int[] labels, double[][] cols) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p))) {
            StringBuilder h = new StringBuilder(labels == null ? "" : "label,");
            h.append(String.join(",", MEMBERS.keySet()));
            w.println(h);
            int n = cols[0].length;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                if (labels != null) {
                    line.append(labels[i]).append(',');
                }
                for (int m = 0; m < cols.length; m++) {
                    if (m > 0) {
                        line.append(',');
                    }
                    line.append(cols[m][i]);
                }
                w.println(line);
            }
        }
    }

    /** Both matrices standardised with the mean and population std of the first. */
    static Matrix[] standardise(Matrix fit, Matrix other) {
        int d = fit.cols();
        double[] a = fit.data().clone();
        double[] b = other.data().clone();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < fit.rows(); i++) {
                mean += a[i * d + j];
            }
            mean /= fit.rows();
            double var = 0;
            for (int i = 0; i < fit.rows(); i++) {
                double t = a[i * d + j] - mean;
                var += t * t;
            }
            double sd = Math.sqrt(var / fit.rows());
            if (sd == 0) {
                sd = 1;
            }
            for (int i = 0; i < fit.rows(); i++) {
                a[i * d + j] = (a[i * d + j] - mean) / sd;
            }
            for (int i = 0; i < other.rows(); i++) {
                b[i * d + j] = (b[i * d + j] - mean) / sd;
            }
        }
        return new Matrix[] {new Matrix(fit.rows(), d, a), new Matrix(other.rows(), d, b)};
    }
}
