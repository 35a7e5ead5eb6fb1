package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * XGBoost training time through XGBoost4J, alone or with every fit followed by a batch
 * prediction, on all rows of one labelled CSV (standardised), 200 rounds, depth 6, eta 0.1, hist:
 * 30 rounds, the median of the last 20, one JSON line. Its Python side is
 * {@code bench/xgboost_train_timing.py}; together they separate the cost of training from that
 * of the protocol around it.
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *   io.sentinelrisk.bench.detect.XgboostTrainTiming CSV [--score] [--threads 2]
 * </pre>
 */
public final class XgboostTrainTiming {
    private XgboostTrainTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        boolean score = false;
        int threads = 2;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--score" -> score = true;
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        NumericCsv data = NumericCsv.read(csv);
        Matrix x = data.standardised();
        DetectorFactory f = Detectors.byType("xgboost");
        Params p = Params.parse(SpeedRunner.SETTINGS.get("xgboost"), f.params(), "xgboost timing");
        double[] ms = new double[30];
        double[] out = new double[x.rows()];
        for (int r = 0; r < ms.length; r++) {
            long t0 = System.nanoTime();
            FittedDetector m = f.trainer(p, 1, 0.1).fit(x, data.labels(), threads);
            ms[r] = (System.nanoTime() - t0) / 1e6;
            if (score) {
                m.score(x, out, threads);
            }
        }
        double[] measured = Arrays.copyOfRange(ms, 10, ms.length);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "{\"side\": \"xgboost4j\", \"dataset\": \"%s\", \"rows\": %d, \"threads\": %d, "
                        + "\"score_between_fits\": %b, \"median_fit_ms\": %.1f, \"min_fit_ms\": %.1f}%n",
                data.name(), x.rows(), threads, score, measured[measured.length / 2], measured[0]);
    }
}
