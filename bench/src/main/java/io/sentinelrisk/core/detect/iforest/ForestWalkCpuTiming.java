package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * The isolation forest's walk alone ({@link CompleteForest#keyPathSums}, the Java walk run under the
 * quick compiler; the walk on doubles, the one for C2, unless {@code -Dsentinel.c1only=true}; and
 * {@link CompleteForest#nativePathSums}, the walk in C, when its library is named), timed by the thread's CPU time per row: a default forest (100 trees of 256
 * samples, depth 8) fitted on 10 columns of 200,000 gaussian rows (seeded) walked by all of them,
 * eight rounds, the median of the last five printed with the sum of every path (equal for builds
 * that grow and walk alike). In this
 * package to reach the package-private forest. Run it with the flags {@code bin/sentinel} gives
 * inputs under 128 MB:
 *
 * <pre>
 * bin/build -q -Pbench -pl bench -am package -DskipTests
 * java -XX:TieredStopAtLevel=1 -Dsentinel.forest.native=cli/target/libsentinel-forest.so \
 *     -cp bench/target/benchmarks.jar io.sentinelrisk.core.detect.iforest.ForestWalkCpuTiming
 * </pre>
 */
public final class ForestWalkCpuTiming {
    private ForestWalkCpuTiming() {
    }

    public static void main(String[] args) {
        int cols = 10;
        int rows = 200_000;
        Random rnd = new Random(7);
        double[] x = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double scale = r % 997 == 0 ? 6 : 1;   // a few outliers, as bench/e2e.sh's generated file has
            for (int c = 0; c < cols; c++) {
                x[r * cols + c] = scale * rnd.nextGaussian();
            }
        }
        IsolationForest fitted = new IsolationForestTrainer(IsolationForestParams.DEFAULTS, 42)
                .fit(new Matrix(rows, cols, x), null, 1);
        CompleteForest forest = (CompleteForest) fitted.forest();
        time("key walk (Java)", rows, out -> forest.keyPathSums(x, cols, 0, rows, out));
        if (!JitTier.quickOnly()) {
            time("double walk (Java)", rows, out -> forest.javaPathSums(x, cols, 0, rows, out));
        }
        if (NativeForestWalk.available()) {
            time("walk in C", rows, out -> forest.nativePathSums(x, cols, 0, rows, out));
        } else {
            System.out.println("walk in C: not loaded (set -D" + NativeForestWalk.PROPERTY + "=path/to/libsentinel-forest.so)");
        }
    }

    private static void time(String name, int rows, java.util.function.Consumer<double[]> walk) {
        double[] out = new double[rows];
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int rounds = 8;
        double[] nsPerRow = new double[rounds];
        double sum = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = bean.getCurrentThreadCpuTime();
            walk.accept(out);
            nsPerRow[round] = (bean.getCurrentThreadCpuTime() - t0) / (double) rows;
            sum = Arrays.stream(out).sum();
        }
        double[] last = Arrays.copyOfRange(nsPerRow, rounds - 5, rounds);
        Arrays.sort(last);
        System.out.printf("%s: %.0f ns/row (median of the last 5 of %d rounds; range %.0f-%.0f), sum of paths %.6f%n",
                name, last[2], rounds, last[0], last[4], sum);
    }
}
