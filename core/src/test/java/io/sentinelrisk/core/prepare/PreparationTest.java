package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PreparationTest {
    private static Preprocessing settings(String imputation, String encoding, String scaling) {
        return new Preprocessing(imputation, encoding, 20, scaling, true);
    }

    @Test
    void imputesWithTheValueLearnedAtTrainTime() {
        Frame train = new Frames().numeric("a", 1, 2, 3, 100, Double.NaN).build();
        Preparation median = new PreparationTrainer(settings("median", "frequency", "none")).fit(train);
        Preparation mean = new PreparationTrainer(settings("mean", "frequency", "none")).fit(train);
        Frame score = new Frames().numeric("a", Double.NaN, 7).build();
        assertThat(median.transform(score).data()).containsExactly(2.5, 7);
        assertThat(mean.transform(score).data()).containsExactly(26.5, 7);
    }

    @Test
    void rowsWithMissingValuesAreKept() {
        Frame train = new Frames().numeric("a", 1, Double.NaN, 3).categorical("c", "x", null, "x").build();
        Matrix m = new PreparationTrainer(settings("median", "frequency", "standard")).fit(train).transform(train);
        assertThat(m.rows()).isEqualTo(3);
        for (double v : m.data()) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void frequencyEncodingSurvivesUnseenCategoriesAndNewDictionaries() {
        Frame train = new Frames().categorical("c", "a", "a", "a", "b").build();
        Preparation p = new PreparationTrainer(settings("median", "frequency", "none")).fit(train);
        // A different file: its own dictionary order, an unseen category and a missing value.
        Frame score = new Frames().categorical("c", "zzz", "b", "a", null).build();
        assertThat(p.transform(score).data()).containsExactly(0.0, 0.25, 0.75, 0.75);
    }

    @Test
    void oneHotPutsUnseenCategoriesInOther() {
        Frame train = new Frames().categorical("c", "a", "a", "b").build();
        Preparation p = new PreparationTrainer(settings("median", "onehot", "standard")).fit(train);
        assertThat(p.featureNames()).containsExactly("c=a", "c=b", "c=__other__");
        Matrix m = p.transform(new Frames().categorical("c", "b", "new").build());
        assertThat(m.data()).containsExactly(0, 1, 0, 0, 0, 1);
    }

    @Test
    void standardScalingCentersTrainingData() {
        Frame train = new Frames().numeric("a", 1, 2, 3, 4).numeric("const", 5, 5, 5, 5).build();
        Matrix m = new PreparationTrainer(settings("median", "frequency", "standard")).fit(train).transform(train);
        double sum = 0;
        for (int r = 0; r < 4; r++) {
            sum += m.get(r, 0);
            assertThat(m.get(r, 1)).isZero();   // constant feature: centred, not divided by zero
        }
        assertThat(sum).isCloseTo(0, within(1e-12));
        assertThat(m.get(3, 0)).isCloseTo(1.5 / Math.sqrt(1.25), within(1e-12));
    }

    @Test
    void timestampsBecomeHourAndDayOfWeek() {
        long monday0930 = java.time.Instant.parse("2026-11-23T09:30:00Z").toEpochMilli();
        Frame train = new Frames().timestamps("ts", monday0930, monday0930 + 86_400_000L * 2).build();
        Preparation p = new PreparationTrainer(settings("median", "frequency", "none")).fit(train);
        assertThat(p.featureNames()).containsExactly("ts.hour", "ts.day_of_week");
        assertThat(p.transform(train).data()).containsExactly(9.5, 0, 9.5, 2);
    }

    @Test
    void onlyFeatureColumnsArePrepared() {
        Frame train = new Frames().numeric("id", 1, 2).numeric("a", 3, 4).role("id", ColumnRole.ID).build();
        assertThat(new PreparationTrainer(settings("median", "frequency", "none")).fit(train).featureNames())
                .containsExactly("a");
    }

    /** Numbers with missing values, both zeros and ties, and a category: what the fused and shared paths must keep. */
    private static Frame mixed(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        String[] k = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextInt(7) == 0 ? -0.0 : r.nextInt(50);
            b[i] = r.nextGaussian() * 1e3;
            c[i] = r.nextInt(4) == 0 ? 0.1 * r.nextInt(5) : -r.nextInt(3);
            k[i] = r.nextInt(9) == 0 ? null : "v" + r.nextInt(4);
        }
        return new Frames().numeric("a", a).numeric("b", b).categorical("k", k).numeric("c", c).build();
    }

    @Test
    void theFusedTransformAndTheSharedSortsGiveTheSameNumbers() {
        for (String imputation : new String[] {"median", "mean"}) {
            for (String encoding : new String[] {"frequency", "onehot"}) {
                for (String scaling : new String[] {"standard", "robust", "none"}) {
                    Frame train = mixed(3_000, 1);
                    Preparation alone = new PreparationTrainer(settings(imputation, encoding, scaling)).fit(train);
                    java.util.List<double[]> numbers = new java.util.ArrayList<>();
                    for (String name : new String[] {"a", "b", "c"}) {
                        numbers.add(((io.sentinelrisk.core.data.Column.Numeric) train.column(name)).values());
                    }
                    Preparation shared = new PreparationTrainer(settings(imputation, encoding, scaling))
                            .fit(train, io.sentinelrisk.core.util.SortedColumns.of(numbers, 2));
                    String what = imputation + " " + encoding + " " + scaling;
                    assertThat(shared.columns()).as(what).isEqualTo(alone.columns());
                    assertThat(bits(shared.center())).as(what).containsExactly(bits(alone.center()));
                    assertThat(bits(shared.scale())).as(what).containsExactly(bits(alone.scale()));

                    Frame score = mixed(1_000, 2);
                    int d = alone.featureCount();
                    double[] want = new double[score.rows() * d];   // encode everything, then scale row by row
                    int offset = 0;
                    for (ColumnPrep prep : alone.columns()) {
                        prep.encode(score.column(prep.column()), want, d, offset);
                        offset += prep.outputNames().size();
                    }
                    double[] center = alone.center();
                    double[] scale = alone.scale();
                    for (int at = 0; at < want.length; at += d) {
                        for (int j = 0; j < d; j++) {
                            want[at + j] = (want[at + j] - center[j]) / scale[j];
                        }
                    }
                    assertThat(bits(alone.transform(score).data())).as(what).containsExactly(bits(want));

                    // on threads: the same centers, scales and matrix (rows split, columns each on one thread)
                    for (int threads = 2; threads <= 5; threads += 3) {
                        Preparation onThreads = new PreparationTrainer(settings(imputation, encoding, scaling))
                                .fit(train, io.sentinelrisk.core.util.SortedColumns.of(numbers, 2), threads);
                        assertThat(bits(onThreads.center())).as(what).containsExactly(bits(alone.center()));
                        assertThat(bits(onThreads.scale())).as(what).containsExactly(bits(alone.scale()));
                        Frame large = mixed(20_011, 3);
                        assertThat(bits(alone.transform(large, threads).data())).as(what)
                                .containsExactly(bits(alone.transform(large).data()));
                    }
                }
            }
        }
    }

    @Test
    void aTransientMatrixReusesTheThreadsArrayAndHoldsWhatAFreshOneHolds() {
        for (String encoding : new String[] {"frequency", "onehot"}) {
            Preparation p = new PreparationTrainer(settings("median", encoding, "standard")).fit(mixed(3_000, 1));
            int[] sizes = {700, 700, 1, 700, 500, 2, 500, 700};
            double[][] arrays = new double[sizes.length][];
            for (int i = 0; i < sizes.length; i++) {
                Frame block = mixed(sizes[i], 10 + i);   // other categories in other slots: every value is rewritten
                Matrix reused = p.transformTransient(block);
                assertThat(bits(reused.data())).as(encoding + " block " + i).isEqualTo(bits(p.transform(block).data()));
                arrays[i] = reused.data();
            }
            assertThat(arrays[1]).as("a block as large as the last").isSameAs(arrays[0]);
            assertThat(arrays[3]).as("a full block after a short one").isSameAs(arrays[0]);
            assertThat(arrays[6]).as("again").isSameAs(arrays[4]);
            assertThat(arrays[7]).as("a size two others ago is forgotten").isNotSameAs(arrays[0]);
        }
    }

    @Test
    void aTransientMatrixAboveTheKeptSizeIsNotKept() {
        Preparation p = new PreparationTrainer(settings("median", "frequency", "standard"))
                .fit(new Frames().numeric("a", 1, 2, Double.NaN).numeric("b", 5, -1, 3).build());
        int rows = ThreadScratch.MAX_KEPT / p.featureCount() + 1;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double[] a = new double[rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextGaussian();
            b[i] = r.nextInt(100);
        }
        Frame big = new Frames().numeric("a", a).numeric("b", b).build();
        Matrix first = p.transformTransient(big);
        assertThat(p.transformTransient(big).data()).isNotSameAs(first.data());
        assertThat(bits(first.data())).isEqualTo(bits(p.transform(big).data()));
    }

    @Test
    void theExplainerAndTheProfileAreTheSameFromSharedSorts() {
        for (long seed = 1; seed <= 5; seed++) {
            Frame train = mixed(2_000 + (int) seed * 777, seed);
            java.util.List<double[]> numbers = new java.util.ArrayList<>();
            for (String name : new String[] {"a", "b", "c"}) {
                numbers.add(((io.sentinelrisk.core.data.Column.Numeric) train.column(name)).values());
            }
            io.sentinelrisk.core.util.SortedColumns sorted = io.sentinelrisk.core.util.SortedColumns.of(numbers, 1);
            assertThat(new io.sentinelrisk.core.explain.ExplainerTrainer().fit(train, sorted).baselines())
                    .isEqualTo(new io.sentinelrisk.core.explain.ExplainerTrainer().fit(train).baselines());
            double[] scores = ((io.sentinelrisk.core.data.Column.Numeric) train.column("b")).values();
            assertThat(new io.sentinelrisk.core.drift.ProfileTrainer().fit(train, scores, sorted))
                    .isEqualTo(new io.sentinelrisk.core.drift.ProfileTrainer().fit(train, scores));
        }
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }
}
