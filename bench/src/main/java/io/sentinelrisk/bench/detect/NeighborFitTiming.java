package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Wall clock and process CPU time of LOF and kNN fits (k = 20, every other parameter at its
 * default); CPU time is what to compare on a shared, loaded machine. On Gaussian rows (pairs with
 * bench/lof_sklearn_timing.py), or on a labelled CSV, standardised, where every row is also scored
 * as a new row after the fit:
 * {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.NeighborFitTiming 100000 10 2}
 * {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.NeighborFitTiming ../shared/datasets/cover.csv.gz 2}
 */
public final class NeighborFitTiming {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private NeighborFitTiming() {
    }

    public static void main(String[] args) throws IOException {
        boolean csv = args[0].contains(".csv");
        Matrix x;
        String data;
        int threads;
        if (csv) {
            NumericCsv c = NumericCsv.read(Path.of(args[0]));
            x = ScoreDump.standardise(c.x(), c.x())[0];
            data = c.name();
            threads = Integer.parseInt(args[1]);
        } else {
            x = NeighborDetectorsBenchmark.gaussian(Integer.parseInt(args[0]), Integer.parseInt(args[1]), 1);
            data = "gaussian";
            threads = Integer.parseInt(args[2]);
        }
        for (String type : new String[] {"lof", "knn", "lof"}) {
            DetectorFactory f = Detectors.byType(type);
            Params p = Params.parse(Map.of("n_neighbors", 20), f.params(), "timing");
            long w0 = System.nanoTime();
            long c0 = OS.getProcessCpuTime();
            FittedDetector model = f.trainer(p, 1).fit(x, null, threads);
            print(type, "fit", data, x, threads, w0, c0);
            if (csv) {
                w0 = System.nanoTime();
                c0 = OS.getProcessCpuTime();
                model.score(x, new double[x.rows()], threads);
                print(type, "score", data, x, threads, w0, c0);
            }
        }
    }

    private static void print(String type, String step, String data, Matrix x, int threads, long w0, long c0) {
        System.out.printf(Locale.ROOT, "{\"detector\": \"%s\", \"step\": \"%s\", \"data\": \"%s\", \"rows\": %d, \"features\": %d, "
                        + "\"threads\": %d, \"wall_s\": %.2f, \"cpu_s\": %.2f, \"load_1m\": %.2f}%n", type, step, data, x.rows(), x.cols(),
                threads, (System.nanoTime() - w0) / 1e9, (OS.getProcessCpuTime() - c0) / 1e9, OS.getSystemLoadAverage());
    }
}
