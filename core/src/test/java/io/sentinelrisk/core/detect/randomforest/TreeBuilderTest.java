package io.sentinelrisk.core.detect.randomforest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TreeBuilderTest {
    /**
     * Presorted lists and sorting at every node must grow the same tree, ties and duplicates
     * included; with 20 features and 2 drawn, nodes under 32 rows switch from lists to sorting.
     */
    @ParameterizedTest
    @CsvSource({"400, 6, 2, 1", "400, 6, 6, 3", "1500, 12, 3, 1", "1500, 20, 2, 1"})
    void presortedListsGrowTheSameTreeAsSortingEveryNode(int n, int d, int maxFeatures, int minLeaf) {
        SplittableRandom data = new SplittableRandom(n + d);
        double[] x = new double[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                // a few discrete features make many equal values
                x[i * d + f] = f % 3 == 0 ? data.nextInt(4) : data.nextGaussian();
            }
            y[i] = x[i * d] + x[i * d + 1] > 2.5 || data.nextInt(20) == 0 ? 1 : 0;
        }
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            weight[data.nextInt(n)] += 1; // a bootstrap sample: integer weights, some rows left out
        }
        int rowsInSample = 0;
        for (double w : weight) {
            rowsInSample += w > 0 ? 1 : 0;
        }
        int[] rows = new int[rowsInSample];
        for (int i = 0, at = 0; i < n; i++) {
            if (weight[i] > 0) {
                rows[at++] = i;
            }
        }
        double[] columns = TreeBuilder.featureMajor(x, n, d);
        TreeBuilder presorted = new TreeBuilder(columns, TreeBuilder.sortedRows(columns, n, d), n, d, y, weight,
                rows.clone(), Integer.MAX_VALUE, minLeaf, 2, maxFeatures, new SplittableRandom(9), new double[d]);
        TreeBuilder sorting = new TreeBuilder(columns, null, n, d, y, weight, rows.clone(), Integer.MAX_VALUE, minLeaf, 2,
                maxFeatures, new SplittableRandom(9), new double[d]);
        Tree a = presorted.build();
        Tree b = sorting.build();

        assertThat(a.nodeCount()).isGreaterThan(10);
        assertThat(a.feature()).isEqualTo(b.feature());
        assertThat(a.threshold()).isEqualTo(b.threshold());
        assertThat(a.left()).isEqualTo(b.left());
        assertThat(a.right()).isEqualTo(b.right());
        assertThat(a.value()).isEqualTo(b.value());
    }
}
