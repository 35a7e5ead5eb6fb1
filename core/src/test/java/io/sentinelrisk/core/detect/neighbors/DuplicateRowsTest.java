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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kNN and LOF on data full of exact copies (event data often is): with {@code duplicates:
 * weighted} or {@code distinct} they rank as on the de-duplicated data; with {@code keep}
 * (scikit-learn's and PyOD's behaviour) copies fill a row's neighbourhood with zero distances and
 * the ranking falls apart. {@code weighted} is checked against a plain reading of its definition.
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
        return duplicated(u, seed, 16);
    }

    /** Every row repeated 1 to {@code maxCopies} times (independently of its label), shuffled. */
    private static Data duplicated(Data u, long seed, int maxCopies) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = u.labels().length;
        int[] times = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            times[i] = 1 + r.nextInt(maxCopies);
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

    private static FittedDetector fit(DetectorFactory f, Map<String, Object> params, Matrix x) {
        return f.trainer(Params.parse(params, f.params(), "test"), 0).fit(x, null, 2);
    }

    private static double auc(DetectorFactory f, Map<String, Object> params, Data d) {
        return RankingMetrics.rocAuc(TrainingScores.of(fit(f, params, d.x()), d.x(), 2), d.labels());
    }

    /**
     * Each row 1-16 or 1-50 times (88% / 96% of the rows copies): with {@code weighted}, kNN
     * ({@code largest} and {@code mean}) and LOF rank all rows within 0.02 of the de-duplicated
     * data's AUC and of {@code distinct}'s; {@code keep} loses at least 0.1.
     */
    @ParameterizedTest(name = "{0}, 1-{1} copies")
    @CsvSource({"knn, 16", "knn, 50", "knn-mean, 16", "knn-mean, 50", "lof, 16", "lof, 50"})
    void upToFiftyCopiesOfEveryRowKeepTheAucOfTheDeduplicatedData(String kind, int maxCopies) {
        DetectorFactory f = kind.equals("lof") ? new LofFactory() : new KnnFactory();
        Map<String, Object> base = kind.equals("knn-mean") ? Map.of("method", "mean") : Map.of();
        Data unique = distinct(61, 1000);
        Data dup = duplicated(unique, 62, maxCopies);
        double copies = 1 - (double) unique.labels().length / dup.labels().length;
        assertThat(copies).isGreaterThan(maxCopies == 50 ? 0.95 : 0.85);
        double clean = auc(f, with(base, "distinct"), unique);
        assertThat(clean).isBetween(0.7, 0.99);
        double weighted = auc(f, with(base, "weighted"), dup);
        assertThat(weighted).isCloseTo(clean, org.assertj.core.api.Assertions.within(0.02));
        assertThat(weighted).isCloseTo(auc(f, with(base, "distinct"), dup), org.assertj.core.api.Assertions.within(0.02));
        assertThat(auc(f, with(base, "keep"), dup)).isLessThan(clean - 0.1);
    }

    private static Map<String, Object> with(Map<String, Object> base, String duplicates) {
        Map<String, Object> p = new java.util.HashMap<>(base);
        p.put("duplicates", duplicates);
        return p;
    }

    /**
     * LOF with {@code weighted}, k = 2, on 1-D rows 0 (three times), 1, 3, 7, worked out by hand.
     * k-distinct-distances: 3, 2, 3, 6 (0's two nearest other places are 1 and 3). Densities, each
     * distinct neighbour once: lrd(0) = 1 / mean(max(1, 2), max(3, 3)) = 0.4, lrd(1) = 1/3,
     * lrd(3) = 0.4, lrd(7) = 1 / mean(4, 6) = 0.2. LOF over the distinct neighbours: 11/12, 1.2,
     * 11/12, 11/6. A row of 0 has two more copies with its own density (ratio 1 each):
     * (2 + 2 × 11/12) / 4 = 23/24. The rows beside the repeated one score as under
     * {@code distinct}: 1's LOF does not weigh 0's density three times. A new row 0 is a fourth
     * copy: (3 + 2 × 11/12) / 5 = 29/30; a new row 5.5 has neighbours 7 and 3, lrd 1 / mean(6, 3),
     * LOF (0.2 + 0.4) / 2 × 4.5 = 1.35.
     */
    @Test
    void lofWithCopiesWorkedOutByHand() {
        Matrix x = new Matrix(6, 1, new double[] {0, 0, 1, 0, 3, 7});
        FittedDetector lof = fit(new LofFactory(), Map.of("n_neighbors", 2, "duplicates", "weighted"), x);
        double[] scores = TrainingScores.of(lof, x, 1);
        double[] want = {23.0 / 24, 23.0 / 24, 1.2, 23.0 / 24, 11.0 / 12, 11.0 / 6};
        for (int i = 0; i < 6; i++) {
            assertThat(scores[i]).as("row %d", i).isCloseTo(want[i], org.assertj.core.api.Assertions.within(1e-8));
        }
        assertThat(lof.score(new double[] {0})).isCloseTo(29.0 / 30, org.assertj.core.api.Assertions.within(1e-8));
        assertThat(lof.score(new double[] {5.5})).isCloseTo(1.35, org.assertj.core.api.Assertions.within(1e-8));
        double[] distinct = TrainingScores.of(fit(new LofFactory(), Map.of("n_neighbors", 2, "duplicates", "distinct"), x), x, 1);
        assertThat(scores[2]).isEqualTo(distinct[2]);
        assertThat(distinct[0]).isCloseTo(11.0 / 12, org.assertj.core.api.Assertions.within(1e-8));
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
        assertThat(auc(f, "weighted", unique)).isEqualTo(clean);
        assertThat(auc(f, "distinct", dup)).isCloseTo(clean, org.assertj.core.api.Assertions.within(0.02));
        assertThat(auc(f, "weighted", dup)).isCloseTo(clean, org.assertj.core.api.Assertions.within(0.02));
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
    void withoutCopiesEveryRuleIsTheSameModelToTheBit(String type) {
        DetectorFactory f = type.equals("knn") ? new KnnFactory() : new LofFactory();
        Data unique = distinct(31, 500);
        FittedDetector a = fit(f, "distinct", unique.x());
        FittedDetector b = fit(f, "keep", unique.x());
        FittedDetector c = fit(f, "weighted", unique.x());
        assertThat(TrainingScores.of(c, unique.x(), 2)).containsExactly(TrainingScores.of(b, unique.x(), 1));
        double[] sc = new double[100];
        c.score(distinct(32, 100).x(), sc, 2);
        assertThat(TrainingScores.of(a, unique.x(), 2)).containsExactly(TrainingScores.of(b, unique.x(), 1));
        Data fresh = distinct(32, 100);
        double[] sa = new double[100];
        double[] sb = new double[100];
        a.score(fresh.x(), sa, 2);
        b.score(fresh.x(), sb, 1);
        assertThat(sa).containsExactly(sb);
        assertThat(sc).containsExactly(sb);
        assertThat(((NeighborModel) a).rowOf()).isNull();
        assertThat(((NeighborModel) a).points()).containsExactly(unique.x().data());
    }

    /** Every kNN method and LOF, fit-time and new-row scores, against {@link WeightedReference}. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"largest", "mean", "median", "lof"})
    void weightedScoresFollowTheDefinitionOnEveryObject(String kind) {
        Data unique = distinct(41, 120);
        Data dup = duplicated(unique, 42);
        int n = dup.labels().length;
        boolean lof = kind.equals("lof");
        int k = lof ? 7 : 5;
        DetectorFactory f = lof ? new LofFactory() : new KnnFactory();
        Map<String, Object> p = lof ? Map.of("duplicates", "weighted", "n_neighbors", k)
                : Map.of("duplicates", "weighted", "n_neighbors", k, "method", kind);
        FittedDetector model = f.trainer(Params.parse(p, f.params(), "test"), 0).fit(dup.x(), null, 2);
        WeightedReference ref = new WeightedReference(dup.x().data(), n, D, k);
        double[] train = TrainingScores.of(model, dup.x(), 2);
        double[] queries = new double[2 * 40 * D];
        // new rows: 40 fresh ones, then 40 identical to training rows
        System.arraycopy(distinct(43, 40).x().data(), 0, queries, 0, 40 * D);
        for (int i = 0; i < 40; i++) {
            System.arraycopy(dup.x().data(), (i * 7) * D, queries, (40 + i) * D, D);
        }
        double[] fresh = new double[80];
        model.score(new Matrix(80, D, queries), fresh, 2);
        for (int i = 0; i < n; i++) {
            double want = lof ? ref.lofOfTrainingRow(i) : ref.knnOfTrainingRow(i, kind);
            assertThat(train[i]).as("training row %d", i).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, want)));
        }
        for (int q = 0; q < 80; q++) {
            double want = lof ? ref.lofOfNewRow(queries, q * D) : ref.knnOfNewRow(queries, q * D, kind);
            assertThat(fresh[q]).as("new row %d", q).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, want)));
        }
        FittedDetector back = f.decode(f.encode(model), "part");
        double[] again = new double[80];
        back.score(new Matrix(80, D, queries), again, 1);
        assertThat(again).containsExactly(fresh);
        assertThat(((NeighborModel) back).duplicates()).isEqualTo(Duplicates.WEIGHTED);
    }

    /**
     * Copies of a row say its place is dense: with {@code weighted}, a row repeated 60 times
     * scores lower (more normal) than with {@code distinct}, which ignores the copies; kNN's
     * {@code largest}, the k-distinct-distance itself, does not change.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"largest", "mean", "lof"})
    void weightedCountsARowsCopiesAsDensity(String kind) {
        Data base = distinct(51, 600);
        // the first row, an outlying one placed far out on every feature, repeated 60 times
        double[] x = base.x().data().clone();
        for (int j = 0; j < D; j++) {
            x[j] = 3.5;
        }
        Matrix dup = new Matrix(600, D, x).selectRows(java.util.stream.IntStream.concat(
                java.util.stream.IntStream.range(0, 600), java.util.stream.IntStream.generate(() -> 0).limit(59)).toArray());
        boolean lof = kind.equals("lof");
        DetectorFactory f = lof ? new LofFactory() : new KnnFactory();
        double[] scores = new double[2];
        String[] rules = {"distinct", "weighted"};
        for (int r = 0; r < 2; r++) {
            Map<String, Object> p = lof ? Map.of("duplicates", rules[r]) : Map.of("duplicates", rules[r], "method", kind);
            FittedDetector m = f.trainer(Params.parse(p, f.params(), "test"), 0).fit(dup, null, 2);
            double[] t = TrainingScores.of(m, dup, 2);
            scores[r] = t[0];
            assertThat(t[600]).isEqualTo(t[0]);
        }
        if (kind.equals("largest")) {
            assertThat(scores[1]).isEqualTo(scores[0]);
        } else {
            assertThat(scores[1]).isLessThan(scores[0] * 0.8);
        }
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
