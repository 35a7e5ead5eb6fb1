package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * XGBoost training time through XGBoost4J, alone or with every fit followed by a batch
 * prediction (made on the fitting thread, or with {@code --score-elsewhere} from another Java
 * thread, as a server's request threads would), on all rows of one labelled CSV (standardised), 200 rounds, depth 6, eta 0.1, hist:
 * 30 fits ({@code --fits N}: N), the median of the last two thirds, one JSON line. Its Python side is
 * {@code bench/xgboost_train_timing.py}; together they separate the cost of training from that
 * of the protocol around it. {@code --raw-elsewhere} bypasses SentinelRisk: XGBoost4J's own API
 * trains on this thread and predicts from another, which shows why every call goes through
 * {@code XgboostThread}.
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *   io.sentinelrisk.bench.detect.XgboostTrainTiming CSV [--score | --score-elsewhere | --raw-elsewhere] [--threads 2] [--fits 30]
 * </pre>
 */
public final class XgboostTrainTiming {
    private XgboostTrainTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        boolean score = false;
        boolean elsewhere = false;
        boolean raw = false;
        int threads = 2;
        int fits = 30;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--score" -> score = true;
                case "--raw-elsewhere" -> raw = true;
                case "--score-elsewhere" -> {
                    score = true;
                    elsewhere = true;
                }
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--fits" -> fits = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NumericCsv data = NumericCsv.read(csv);
        Matrix x = data.standardised();
        if (raw) {
            rawElsewhere(data, x, threads, fits);
            return;
        }
        DetectorFactory f = Detectors.byType("xgboost");
        Params p = Params.parse(SpeedRunner.SETTINGS.get("xgboost"), f.params(), "xgboost timing");
        double[] ms = new double[fits];
        double[] out = new double[x.rows()];
        int t = threads;
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        for (int r = 0; r < ms.length; r++) {
            long t0 = System.nanoTime();
            FittedDetector m = f.trainer(p, 1).fit(x, data.labels(), threads);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            if (elsewhere) {
                other.submit(() -> m.score(x, out, t)).get();
            } else if (score) {
                m.score(x, out, threads);
            }
        }
        other.shutdown();
        double[] measured = Arrays.copyOfRange(ms, fits / 3, fits);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "{\"side\": \"xgboost4j\", \"dataset\": \"%s\", \"rows\": %d, \"threads\": %d, "
                        + "\"score_between_fits\": \"%s\", \"median_fit_ms\": %.1f, \"min_fit_ms\": %.1f}%n",
                data.name(), x.rows(), threads, elsewhere ? "from another thread" : score ? "yes" : "no", measured[measured.length / 2], measured[0]);
    }

    /** XGBoost4J alone: train here, predict from another thread; prints the median fit. */
    private static void rawElsewhere(NumericCsv data, Matrix x, int threads, int fits) throws Exception {
        int n = x.rows();
        int d = x.cols();
        float[] rows = new float[n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) x.data()[i];
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = data.labels()[i];
        }
        Map<String, Object> p = new java.util.HashMap<>(Map.of("objective", "binary:logistic", "eval_metric", "logloss",
                "eta", 0.1, "max_depth", 6, "tree_method", "hist", "nthread", threads, "seed", 1, "verbosity", 0));
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        double[] ms = new double[fits];
        for (int r = 0; r < ms.length; r++) {
            long t0 = System.nanoTime();
            ml.dmlc.xgboost4j.java.DMatrix m = new ml.dmlc.xgboost4j.java.DMatrix(rows, n, d, Float.NaN);
            m.setLabel(y);
            ml.dmlc.xgboost4j.java.Booster b = ml.dmlc.xgboost4j.java.XGBoost.train(m, p, 200, new java.util.HashMap<>(), null, null);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            other.submit(() -> b.inplace_predict(rows, n, d, Float.NaN)).get();
            m.dispose();
            b.dispose();
        }
        other.shutdown();
        double[] measured = Arrays.copyOfRange(ms, fits / 3, fits);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "{\"side\": \"xgboost4j api\", \"dataset\": \"%s\", \"rows\": %d, \"threads\": %d, "
                        + "\"score_between_fits\": \"from another thread\", \"median_fit_ms\": %.1f, \"min_fit_ms\": %.1f}%n",
                data.name(), n, threads, measured[measured.length / 2], measured[0]);
    }
}
