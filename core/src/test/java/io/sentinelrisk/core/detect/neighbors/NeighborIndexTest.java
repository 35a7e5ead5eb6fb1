package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.detect.support.PlantedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Both exact indexes against a plain scan of every point, with {@link Metric#raw}, tie for tie. */
@Tag("slow")
class NeighborIndexTest {

    enum Kind {
        TREE, SCAN;

        NeighborIndex build(double[] pts, int n, int d, Metric metric) {
            return this == TREE ? new KdTree(pts, n, d, metric) : new BlockScan(pts, n, d, metric);
        }
    }

    /** The reference answer: every point offered in turn, distances by {@link Metric#raw}. */
    static void bruteForce(double[] pts, int n, int d, Metric metric, double[] q, int qOff, int k, int exclude,
                           NeighborQuery query) {
        query.reset(k);
        for (int p = 0; p < n; p++) {
            if (p != exclude) {
                query.offer(metric.raw(pts, p * d, q, qOff, d), p);
            }
        }
        query.finish(metric);
    }

    /** Gaussian points, every third value on a coarse grid so that many distances tie exactly. */
    static double[] pointsWithTies(int n, int d, SplittableRandom rnd) {
        double[] pts = new double[n * d];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = i % 3 == 0 ? Math.floor(PlantedData.gaussian(rnd) * 2) : PlantedData.gaussian(rnd);
        }
        return pts;
    }

    @ParameterizedTest(name = "{0} {1} n={2} d={3} k={4} seed={5}")
    @CsvSource({
            "TREE, EUCLIDEAN, 2000, 3, 10, 1",
            "TREE, EUCLIDEAN, 500, 12, 5, 2",
            "TREE, MANHATTAN, 1500, 4, 20, 3",
            "TREE, EUCLIDEAN, 30, 2, 29, 4",
            "TREE, MANHATTAN, 100, 1, 7, 5",
            "TREE, EUCLIDEAN, 8000, 3, 8, 6",
            "TREE, MANHATTAN, 5000, 6, 15, 7",
            "SCAN, EUCLIDEAN, 2000, 36, 10, 8",
            "SCAN, MANHATTAN, 1500, 21, 20, 9",
            "SCAN, EUCLIDEAN, 30, 17, 29, 10",
            "SCAN, EUCLIDEAN, 257, 5, 7, 11",
            "SCAN, MANHATTAN, 700, 3, 5, 12",
            "SCAN, EUCLIDEAN, 1, 18, 1, 13"})
    void searchEqualsBruteForceIncludingTies(Kind kind, Metric metric, int n, int d, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] pts = pointsWithTies(n, d, rnd);
        NeighborIndex index = kind.build(pts, n, d, metric);
        NeighborQuery a = index.newQuery(k);
        NeighborQuery b = index.newQuery(k);
        for (int i = 0; i < n; i += 7) {
            index.search(pts, i * d, k, i, a);
            bruteForce(pts, n, d, metric, pts, i * d, k, i, b);
            assertThat(a.found()).isEqualTo(Math.min(k, n - 1));
            assertThat(a.indices()).isEqualTo(b.indices());
            assertThat(a.distances()).isEqualTo(b.distances());
            assertThat(java.util.Arrays.copyOf(a.indices(), a.found())).doesNotContain(i);
            for (int j = 1; j < a.found(); j++) {
                assertThat(a.distances()[j]).isGreaterThanOrEqualTo(a.distances()[j - 1]);
            }
        }
        int kk = Math.min(k, n - 1);
        if (kk >= 1) {
            double[] allDist = new double[n * kk];
            int[] allIdx = new int[n * kk];
            index.allNeighbors(kk, 3, allDist, allIdx);
            for (int i = 0; i < n; i += n > 2000 ? 11 : 1) {
                bruteForce(pts, n, d, metric, pts, i * d, kk, i, b);
                for (int j = 0; j < kk; j++) {
                    assertThat(allIdx[i * kk + j]).isEqualTo(b.indices()[j]);
                    assertThat(allDist[i * kk + j]).isEqualTo(b.distances()[j]);
                }
            }
        }
        int m = 300;
        double[] queries = new double[m * d];
        for (int t = 0; t < queries.length; t++) {
            queries[t] = PlantedData.gaussian(rnd) * 3;
        }
        int kq = Math.min(k, n);
        int[][] seen = new int[m][];
        double[][] seenDist = new double[m][];
        index.searchEach(queries, m, kq, 3, (row, found) -> {
            seen[row] = java.util.Arrays.copyOf(found.indices(), kq);
            seenDist[row] = java.util.Arrays.copyOf(found.distances(), kq);
        });
        for (int t = 0; t < m; t++) {
            bruteForce(pts, n, d, metric, queries, t * d, kq, -1, b);
            assertThat(seen[t]).isEqualTo(java.util.Arrays.copyOf(b.indices(), kq));
            assertThat(seenDist[t]).isEqualTo(java.util.Arrays.copyOf(b.distances(), kq));
        }
    }

    @ParameterizedTest
    @CsvSource({"TREE", "SCAN"})
    void identicalPointsTieByIndex(Kind kind) {
        double[] pts = new double[1000 * 2];
        NeighborIndex index = kind.build(pts, 1000, 2, Metric.EUCLIDEAN);
        NeighborQuery q = index.newQuery(3);
        index.search(new double[] {1, 1}, 0, 3, -1, q);
        assertThat(q.indices()).containsExactly(0, 1, 2);
        assertThat(q.distances()[0]).isEqualTo(Math.sqrt(2));
    }

    @Test
    void theTreeServesFewFeaturesAndTheScanMany() {
        assertThat(NeighborIndex.of(new double[10 * 15], 10, 15, Metric.EUCLIDEAN)).isInstanceOf(KdTree.class);
        assertThat(NeighborIndex.of(new double[10 * 16], 10, 16, Metric.EUCLIDEAN)).isInstanceOf(BlockScan.class);
    }
}
