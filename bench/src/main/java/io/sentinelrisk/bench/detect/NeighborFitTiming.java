package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * Wall clock and process CPU time of one LOF and one kNN fit (k = 20) on Gaussian rows; CPU time
 * is what to compare on a shared, loaded machine. Pairs with bench/lof_sklearn_timing.py.
 * {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.NeighborFitTiming 100000 10 2}
 */
public final class NeighborFitTiming {
    private NeighborFitTiming() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        Matrix x = NeighborDetectorsBenchmark.gaussian(n, d, 1);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String type : new String[] {"lof", "knn", "lof"}) {
            DetectorFactory f = Detectors.byType(type);
            Params p = Params.parse(Map.of("n_neighbors", 20), f.params(), "timing");
            long w0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            f.trainer(p, 1).fit(x, null, threads);
            System.out.printf(Locale.ROOT, "{\"detector\": \"%s\", \"rows\": %d, \"features\": %d, \"threads\": %d, "
                            + "\"wall_s\": %.2f, \"cpu_s\": %.2f, \"load_1m\": %.2f}%n", type, n, d, threads,
                    (System.nanoTime() - w0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9, os.getSystemLoadAverage());
        }
    }
}
