package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.neighbors.BlockScan;
import io.sentinelrisk.core.detect.neighbors.KdTree;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which exact index is faster for a shape: the k-d tree or the blocked scan, each building the
 * index, finding every reference row's k nearest others (a fit) and every row's k nearest as new
 * data (a scoring), on standardised CSVs and on Gaussian rows of growing width. Warm medians of
 * 5 rounds after 2 s of warm-up. The answers are identical; only the time differs. This is what
 * {@code NeighborIndex.MAX_TREE_DIMENSIONS} rests on.
 * <pre>
 * java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.NeighborIndexChoice [--k 20] [--threads 2] [CSV...]
 * </pre>
 */
public final class NeighborIndexChoice {
    private NeighborIndexChoice() {
    }

    public static void main(String[] args) throws Exception {
        int k = 20;
        int threads = 2;
        java.util.List<Path> csvs = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--k" -> k = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> csvs.add(Path.of(args[i]));
            }
        }
        System.out.println("| data | rows | features | k-d tree s | blocked scan s | faster |");
        System.out.println("|---|--:|--:|--:|--:|---|");
        for (Path csv : csvs) {
            NumericCsv data = NumericCsv.read(csv);
            compare(data.name(), data.standardised(), k, threads);
        }
        if (csvs.isEmpty()) {
            for (int d : new int[] {4, 8, 12, 16, 20, 24, 32}) {
                compare("gaussian", NeighborDetectorsBenchmark.gaussian(10_000, d, 1), k, threads);
            }
        }
    }

    private static void compare(String name, Matrix x, int k, int threads) {
        double tree = time(() -> new KdTree(x.data(), x.rows(), x.cols(), Metric.EUCLIDEAN), x, k, threads);
        double scan = time(() -> new BlockScan(x.data(), x.rows(), x.cols(), Metric.EUCLIDEAN), x, k, threads);
        System.out.printf(Locale.ROOT, "| %s | %,d | %d | %.4f | %.4f | %s |%n", name, x.rows(), x.cols(), tree, scan,
                tree <= scan ? "tree" : "scan");
    }

    private static double time(java.util.function.Supplier<NeighborIndex> build, Matrix x, int k, int threads) {
        int n = x.rows();
        double[] dist = new double[n * k];
        int[] idx = new int[n * k];
        double[] sink = new double[n];
        Runnable round = () -> {
            NeighborIndex index = build.get();
            index.allNeighbors(k, threads, dist, idx);
            index.searchEach(x.data(), n, k, threads, (row, found) -> sink[row] = found.distances()[k - 1]);
        };
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        do {
            round.run();
        } while (System.nanoTime() < warmEnd);
        double[] t = new double[5];
        for (int r = 0; r < t.length; r++) {
            long t0 = System.nanoTime();
            round.run();
            t[r] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
