package io.sentinelrisk.core.detect.iforest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * The isolation forest's walk alone ({@link CompleteForest#keyPathSums}, the walk run under the
 * quick compiler), timed by the thread's CPU time per row: 100 random trees of depth 8 (a default
 * forest's 256 samples) over 10 columns of 200,000 gaussian rows, eight rounds, the median of the
 * last five printed with the sum of every path (equal for builds that walk alike). In this
 * package to reach the package-private forest. Run it with the flags {@code bin/sentinel} gives
 * inputs under 128 MB:
 *
 * <pre>
 * bin/build -q -Pbench -pl bench -am package -DskipTests
 * java -XX:TieredStopAtLevel=1 -cp bench/target/benchmarks.jar io.sentinelrisk.core.detect.iforest.ForestWalkCpuTiming
 * </pre>
 */
public final class ForestWalkCpuTiming {
    private ForestWalkCpuTiming() {
    }

    public static void main(String[] args) {
        int trees = 100;
        int depth = 8;
        int cols = 10;
        int rows = 200_000;
        Random rnd = new Random(1);
        int splits = (1 << depth) - 1;
        int[] feature = new int[trees * splits];
        double[] threshold = new double[trees * splits];
        double[] leaf = new double[trees * (1 << depth)];
        for (int i = 0; i < feature.length; i++) {
            feature[i] = rnd.nextInt(cols);
            // about one node in twenty a padding node (everything goes left), as in grown trees
            threshold[i] = rnd.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : rnd.nextGaussian();
        }
        for (int i = 0; i < leaf.length; i++) {
            leaf[i] = 1 + rnd.nextInt(12) + rnd.nextDouble();
        }
        CompleteForest forest = new CompleteForest(trees, depth, feature, threshold, leaf);
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        double[] out = new double[rows];
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        int rounds = 8;
        double[] nsPerRow = new double[rounds];
        double sum = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = bean.getCurrentThreadCpuTime();
            forest.keyPathSums(x, cols, 0, rows, out);
            nsPerRow[round] = (bean.getCurrentThreadCpuTime() - t0) / (double) rows;
            sum = Arrays.stream(out).sum();
        }
        double[] last = Arrays.copyOfRange(nsPerRow, rounds - 5, rounds);
        Arrays.sort(last);
        System.out.printf("key walk: %.0f ns/row (median of the last 5 of %d rounds; range %.0f-%.0f), sum of paths %.6f%n",
                last[2], rounds, last[0], last[4], sum);
    }
}
