package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.knn.KnnFactory;
import io.sentinelrisk.core.detect.lof.LofFactory;
import io.sentinelrisk.core.detect.support.PlantedData;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.metrics.RankingMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kNN and LOF on data full of exact copies (event data often is): with {@code duplicates:
 * distinct} they rank as on the de-duplicated data; with {@code keep} (scikit-learn's and PyOD's
 * behaviour) copies fill a row's neighbourhood with zero distances and the ranking falls apart.
 */
class DuplicateRowsTest {
    private static final int D = 4;

    /** Distinct rows: Gaussian normals and overlapping, wider anomalies (10%), so that the AUC is well below 1. */
    private record Data(Matrix x, int[] labels) {
    }

    private static Data distinct(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * D];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.1 ? 1 : 0;
            double sd = y[i] == 1 ? 2.2 : 1.0;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = sd * PlantedData.gaussian(r);
            }
        }
        return new Data(new Matrix(n, D, x), y);
    }

    /** Every row repeated 1 to 16 times (independently of its label), shuffled: about 88% of rows are copies. */
    private static Data duplicated(Data u, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = u.labels().length;
        int[] times = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            times[i] = 1 + r.nextInt(16);
            total += times[i];
        }
        int[] src = new int[total];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < times[i]; t++) {
                src[p++] = i;
            }
        }
        for (int i = total - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = src[i];
            src[i] = src[j];
            src[j] = t;
        }
        int[] y = new int[total];
        for (int i = 0; i < total; i++) {
            y[i] = u.labels()[src[i]];
        }
        return new Data(u.x().selectRows(src), y);
    }

    private static FittedDetector fit(DetectorFactory f, String duplicates, Matrix x) {
        Params p = Params.parse(Map.of("duplicates", duplicates), f.params(), "test");
        return f.trainer(p, 0).fit(x, null, 2);
    }

    private static double auc(DetectorFactory f, String duplicates, Data d) {
        return RankingMetrics.rocAuc(TrainingScores.of(fit(f, duplicates, d.x()), d.x(), 2), d.labels());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"knn", "lof"})
    void heavyDuplicationKeepsTheAucOfTheDeduplicatedData(String type) {
        DetectorFactory f = type.equals("knn") ? new KnnFactory() : new LofFactory();
        Data unique = distinct(11, 1500);
        Data dup = duplicated(unique, 12);
        int copies = dup.labels().length - unique.labels().length;
        assertThat((double) copies / dup.labels().length).isBetween(0.8, 0.95);

        double clean = auc(f, "distinct", unique);
        assertThat(clean).isBetween(0.7, 0.99);
        assertThat(auc(f, "keep", unique)).isEqualTo(clean);
        assertThat(auc(f, "distinct", dup)).isCloseTo(clean, org.assertj.core.api.Assertions.within(0.02));
        // what scikit-learn and PyOD do: the copies make the ranking close to random
        assertThat(auc(f, "keep", dup)).isLessThan(clean - 0.1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"knn", "lof"})
    void aCopyScoresAsItsRowAndNewRowsScoreAsOnTheDeduplicatedData(String type) {
        DetectorFactory f = type.equals("knn") ? new KnnFactory() : new LofFactory();
        Data unique = distinct(21, 400);
        Data dup = duplicated(unique, 22);
        FittedDetector onUnique = fit(f, "distinct", unique.x());
        FittedDetector onDup = fit(f, "distinct", dup.x());
        Data fresh = distinct(23, 200);
        double[] a = new double[200];
        double[] b = new double[200];
        onUnique.score(fresh.x(), a, 2);
        onDup.score(fresh.x(), b, 1);
        assertThat(b).containsExactly(a);
        // a training row itself, scored as new data, finds its own point at distance 0
        assertThat(onDup.score(dup.x().row(0, new double[D]))).isLessThan(TrainingScores.of(onDup, dup.x(), 2)[0]);
        // the bundle part keeps each row's point
        FittedDetector back = f.decode(f.encode(onDup), "part");
        assertThat(TrainingScores.of(back, dup.x(), 2)).containsExactly(TrainingScores.of(onDup, dup.x(), 2));
        assertThat(((NeighborModel) back).duplicates()).isEqualTo(Duplicates.DISTINCT);
        assertThat(((NeighborModel) back).pointCount()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"knn", "lof"})
    void withoutCopiesDistinctAndKeepAreTheSameModelToTheBit(String type) {
        DetectorFactory f = type.equals("knn") ? new KnnFactory() : new LofFactory();
        Data unique = distinct(31, 500);
        FittedDetector a = fit(f, "distinct", unique.x());
        FittedDetector b = fit(f, "keep", unique.x());
        assertThat(TrainingScores.of(a, unique.x(), 2)).containsExactly(TrainingScores.of(b, unique.x(), 1));
        Data fresh = distinct(32, 100);
        double[] sa = new double[100];
        double[] sb = new double[100];
        a.score(fresh.x(), sa, 2);
        b.score(fresh.x(), sb, 1);
        assertThat(sa).containsExactly(sb);
        assertThat(((NeighborModel) a).rowOf()).isNull();
        assertThat(((NeighborModel) a).points()).containsExactly(unique.x().data());
    }

    @Test
    void distinctRowsKeepFirstAppearanceOrderAndTreatMinusZeroAsZero() {
        double[] data = {1, 2, 0.0, 5, 1, 2, -0.0, 5, 3, 3};
        DistinctRows r = DistinctRows.of(data, 5, 2);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.distinct()).containsExactly(1, 2, 0.0, 5, 3, 3);
        assertThat(r.rowOf()).containsExactly(0, 1, 0, 1, 2);
        assertThat(DistinctRows.sameRows(data, 2, r.distinct(), r.rowOf())).isTrue();
        double[] unique = {1, 2, 3, 4};
        assertThat(DistinctRows.of(unique, 2, 2).allDistinct()).isTrue();
        assertThat(DistinctRows.of(unique, 2, 2).distinct()).isSameAs(unique);
    }
}
