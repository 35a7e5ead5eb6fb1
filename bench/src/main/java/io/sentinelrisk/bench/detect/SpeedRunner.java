package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fit and score time of our detectors on one labelled CSV, one JSON line per detector; the
 * other side of {@code bench/peer_speed.py}, which times the scikit-learn / XGBoost / PyTorch
 * counterparts with the same protocol, settings and data ({@code bench/speed.sh} runs both).
 *
 * <p>Protocol, the same on both sides: features standardised first (not timed). Unsupervised
 * detectors fit on all rows and then score all rows as new data; supervised ones fit on a
 * stratified 70% (seeded) and score the other 30%. The first round is reported as "cold"; then
 * unmeasured warm-up rounds run for {@code --warmup-s} seconds (the JIT compiles the hot code), and measured
 * rounds are repeated while they fit in the time budget (at least one); their medians are
 * "warm". Process CPU seconds are reported beside wall seconds because the machine is shared.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.SpeedRunner --csv F
 *   [--detectors iforest,ocsvm,...] [--threads 2] [--seed 1] [--repeats 5] [--warmup-s 3] [--budget-s 30]
 * </pre>
 */
public final class SpeedRunner {
    /** Settings that differ from our defaults, to match the peer's (see bench/peer_speed.py). */
    static final Map<String, Map<String, Object>> SETTINGS = Map.of(
            "ocsvm", Map.of("nu", 0.01, "gamma", "scale", "max_train", 10000),
            "autoencoder", Map.of("validation_fraction", 0.0),
            "random_forest", Map.of("n_estimators", 200),
            "xgboost", Map.of("n_estimators", 200, "max_depth", 6, "learning_rate", 0.1, "tree_method", "hist"));

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SpeedRunner() {
    }

    /** One fit and one score: wall and CPU seconds, and the scores' ROC AUC. */
    private record Round(double fitWall, double fitCpu, double scoreWall, double scoreCpu, double auc) {
        double wall() {
            return fitWall + scoreWall;
        }
    }

    public static void main(String[] args) throws Exception {
        Path csv = null;
        List<String> detectors = Detectors.types();
        int threads = 2;
        long seed = 1;
        int repeats = 5;
        double warmup = 3;
        double budget = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--csv" -> csv = Path.of(args[++i]);
                case "--detectors" -> detectors = List.of(args[++i].split(","));
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--warmup-s" -> warmup = Double.parseDouble(args[++i]);
                case "--budget-s" -> budget = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("speed: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (csv == null) {
            System.err.println("speed: --csv FILE is required");
            System.exit(2);
        }
        NumericCsv data = NumericCsv.read(csv);
        Matrix all = data.standardised();
        for (String type : detectors) {
            DetectorFactory f = Detectors.byType(type);
            Params p = Params.parse(SETTINGS.getOrDefault(type, Map.of()), f.params(), "speed (" + type + ")");
            Matrix train = all;
            Matrix test = all;
            int[] yTrain = null;
            int[] yTest = data.labels();
            if (f.supervised()) {
                int[][] split = AccuracyRunner.stratifiedSplit(data.labels(), 0.7, seed);
                train = all.selectRows(split[0]);
                test = all.selectRows(split[1]);
                yTrain = AccuracyRunner.pick(data.labels(), split[0]);
                yTest = AccuracyRunner.pick(data.labels(), split[1]);
            }
            Round cold = round(f, p, seed, train, yTrain, test, yTest, threads);
            double warmedUp = cold.wall();
            while (warmedUp < warmup) {
                warmedUp += round(f, p, seed, train, yTrain, test, yTest, threads).wall();
            }
            int rounds = (int) Math.max(1, Math.min(repeats, Math.floor(budget / Math.max(cold.wall(), 1e-9))));
            Round[] warm = new Round[rounds];
            for (int r = 0; r < rounds; r++) {
                warm[r] = round(f, p, seed, train, yTrain, test, yTest, threads);
            }
            System.out.printf(Locale.ROOT, "{\"side\": \"sentinelrisk\", \"detector\": \"%s\", \"dataset\": \"%s\", "
                            + "\"rows\": %d, \"cols\": %d, \"fit_rows\": %d, \"score_rows\": %d, \"threads\": %d, \"seed\": %d, "
                            + "\"cold_fit_s\": %.5f, \"cold_score_s\": %.5f, \"fit_s\": %.5f, \"score_s\": %.5f, "
                            + "\"fit_cpu_s\": %.5f, \"score_cpu_s\": %.5f, \"rounds\": %d, \"roc_auc\": %.6f, "
                            + "\"runtime\": \"Java %s\"}%n",
                    type, data.name(), all.rows(), all.cols(), train.rows(), test.rows(), threads, seed,
                    cold.fitWall, cold.scoreWall,
                    median(warm, Round::fitWall), median(warm, Round::scoreWall),
                    median(warm, Round::fitCpu), median(warm, Round::scoreCpu), rounds, warm[0].auc, Runtime.version());
            System.out.flush();
        }
    }

    private static Round round(DetectorFactory f, Params p, long seed, Matrix train, int[] yTrain, Matrix test, int[] yTest,
                               int threads) {
        long w0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        FittedDetector m = f.trainer(p, seed).fit(train, yTrain, threads);
        long w1 = System.nanoTime();
        long c1 = OS.getProcessCpuTime();
        double[] scores = new double[test.rows()];
        m.score(test, scores, threads);
        long w2 = System.nanoTime();
        long c2 = OS.getProcessCpuTime();
        return new Round((w1 - w0) / 1e9, (c1 - c0) / 1e9, (w2 - w1) / 1e9, (c2 - c1) / 1e9, RankMetrics.rocAuc(scores, yTest));
    }

    private static double median(Round[] rounds, java.util.function.ToDoubleFunction<Round> field) {
        double[] v = Arrays.stream(rounds).mapToDouble(field).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
