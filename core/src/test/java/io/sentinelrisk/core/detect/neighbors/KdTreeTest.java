package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.detect.support.PlantedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class KdTreeTest {

    @ParameterizedTest(name = "{0} n={1} d={2} k={3} seed={4}")
    @CsvSource({
            "EUCLIDEAN, 2000, 3, 10, 1",
            "EUCLIDEAN, 500, 12, 5, 2",
            "MANHATTAN, 1500, 4, 20, 3",
            "EUCLIDEAN, 30, 2, 29, 4",
            "MANHATTAN, 100, 1, 7, 5",
            "EUCLIDEAN, 8000, 3, 8, 6",
            "MANHATTAN, 5000, 6, 15, 7"})
    void treeSearchEqualsBruteForceIncludingTies(Metric metric, int n, int d, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] pts = new double[n * d];
        for (int i = 0; i < pts.length; i++) {
            // a coarse grid makes many exact distance ties, which must break by index
            pts[i] = i % 3 == 0 ? Math.floor(PlantedData.gaussian(rnd) * 2) : PlantedData.gaussian(rnd);
        }
        KdTree tree = new KdTree(pts, n, d, metric);
        KdTree.Query a = tree.newQuery(k);
        KdTree.Query b = tree.newQuery(k);
        for (int i = 0; i < n; i += 7) {
            tree.search(pts, i * d, k, i, a);
            tree.bruteForce(pts, i * d, k, i, b);
            assertThat(a.found()).isEqualTo(Math.min(k, n - 1));
            assertThat(a.indices()).isEqualTo(b.indices());
            assertThat(a.distances()).isEqualTo(b.distances());
            assertThat(a.indices()).doesNotContain(i);
            for (int j = 1; j < a.found(); j++) {
                assertThat(a.distances()[j]).isGreaterThanOrEqualTo(a.distances()[j - 1]);
            }
        }
        int kk = Math.min(k, n - 1);
        double[] allDist = new double[n * kk];
        int[] allIdx = new int[n * kk];
        tree.allNeighbors(kk, 3, allDist, allIdx);
        for (int i = 0; i < n; i += n > 2000 ? 11 : 1) {
            tree.bruteForce(pts, i * d, kk, i, b);
            for (int j = 0; j < kk; j++) {
                assertThat(allIdx[i * kk + j]).isEqualTo(b.indices()[j]);
                assertThat(allDist[i * kk + j]).isEqualTo(b.distances()[j]);
            }
        }
        double[] q = new double[d];
        for (int t = 0; t < 50; t++) {
            for (int j = 0; j < d; j++) {
                q[j] = PlantedData.gaussian(rnd) * 3;
            }
            tree.search(q, 0, k, -1, a);
            tree.bruteForce(q, 0, k, -1, b);
            assertThat(a.indices()).isEqualTo(b.indices());
        }
    }

    @org.junit.jupiter.api.Test
    void identicalPointsFormOneLeafAndTieByIndex() {
        double[] pts = new double[1000 * 2];
        KdTree tree = new KdTree(pts, 1000, 2, Metric.EUCLIDEAN);
        KdTree.Query q = tree.newQuery(3);
        tree.search(new double[] {1, 1}, 0, 3, -1, q);
        assertThat(q.indices()).containsExactly(0, 1, 2);
        assertThat(q.distances()[0]).isEqualTo(Math.sqrt(2));
    }
}
