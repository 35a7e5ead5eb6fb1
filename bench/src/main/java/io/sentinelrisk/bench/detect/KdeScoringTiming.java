package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.pipeline.Detectors;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;

/**
 * Scoring speed of {@code kde} (rows per second, wall and per CPU second of the process) with
 * every training row in the reference set: Gaussian training rows, as many new rows scored,
 * repeated so the JIT has compiled the loop, bandwidth fixed at 0.5 (the fit is not timed):
 * {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.KdeScoringTiming 10000 10 20000 1}
 * (reference rows, features, scored rows, threads).
 */
public final class KdeScoringTiming {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private KdeScoringTiming() {
    }

    public static void main(String[] args) {
        int reference = Integer.parseInt(args[0]);
        int features = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        Matrix train = NeighborDetectorsBenchmark.gaussian(reference, features, 1);
        Matrix x = NeighborDetectorsBenchmark.gaussian(rows, features, 2);
        DetectorFactory f = Detectors.byType("kde");
        Params p = Params.parse(Map.of("bandwidth", 0.5, "max_train", reference), f.params(), "timing");
        FittedDetector model = f.trainer(p, 1).fit(train, null, threads);
        double[] out = new double[rows];
        for (int run = 0; run < 4; run++) {
            long alloc0 = allocated();
            long w0 = System.nanoTime();
            long c0 = OS.getProcessCpuTime();
            model.score(x, out, threads);
            double wall = (System.nanoTime() - w0) / 1e9;
            double cpu = (OS.getProcessCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "{\"detector\": \"kde\", \"run\": %d, \"reference\": %d, \"features\": %d, \"rows\": %d, "
                            + "\"threads\": %d, \"wall_s\": %.3f, \"cpu_s\": %.3f, \"rows_per_s\": %.0f, \"rows_per_cpu_s\": %.0f, "
                            + "\"caller_alloc_bytes\": %d, \"load_1m\": %.2f}%n", run, reference, features, rows, threads, wall, cpu,
                    rows / wall, rows / cpu, allocated() - alloc0, OS.getSystemLoadAverage());
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) THREADS).getCurrentThreadAllocatedBytes();
    }
}
