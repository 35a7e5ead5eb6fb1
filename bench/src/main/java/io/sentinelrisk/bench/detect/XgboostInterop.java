package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes an {@code xgboost} bundle part ({@code model.json}) and rows with the product's scores
 * ({@code data.csv}: features as 32-bit floats, then the score) into a folder, for
 * {@code bench/xgboost_interop.py} to load with Python's XGBoost and compare.
 */
public final class XgboostInterop {
    private XgboostInterop() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/xgboost-interop");
        Files.createDirectories(dir);
        int n = 2000;
        int d = 5;
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = r.nextDouble() * 4 - 2;
            }
            y[i] = x[i * d] + x[i * d + 1] * x[i * d + 2] > 1 ? 1 : 0;
        }
        DetectorFactory f = Detectors.byType("xgboost");
        Matrix m = new Matrix(n, d, x);
        FittedDetector model = f.trainer(Params.parse(Map.of("n_estimators", 30), f.params(), "interop"), 1).fit(m, y, 2);
        Files.write(dir.resolve("model.json"), f.encode(model));
        double[] s = new double[n];
        model.score(m, s, 2);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                sb.append((float) x[i * d + j]).append(',');
            }
            sb.append(s[i]).append('\n');
        }
        Files.writeString(dir.resolve("data.csv"), sb.toString());
        System.out.println("wrote " + dir.resolve("model.json") + " and " + dir.resolve("data.csv"));
    }
}
