package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kde detector's sampling, leave-self-out training scores, bundle part, determinism and parameter checks. */
class KdeTest {
    private static final KdeFactory FACTORY = new KdeFactory();

    private static Matrix data(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            double u = rnd.nextDouble();
            v[i] = (i / d) % 3 == 0 ? 2 + 0.3 * u : u - 0.5 + rnd.nextDouble();
        }
        return new Matrix(n, d, v);
    }

    private static KdeModel fit(Matrix x, Map<String, Object> raw, long seed, int threads) {
        return (KdeModel) FACTORY.trainer(Params.parse(raw, FACTORY.params(), "test"), seed).fit(x, null, threads);
    }

    /** −log of the Gaussian KDE over {@code ref} rows except {@code skip}, by the textbook formula (log-sum-exp in long form). */
    private static double naiveScore(double[] ref, int m, int d, double h, double[] q, int off, int skip) {
        double[] e = new double[m];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int f = 0; f < d; f++) {
                double t = q[off + f] - ref[j * d + f];
                s += t * t;
            }
            e[j] = j == skip ? Double.NEGATIVE_INFINITY : -s / (2 * h * h);
            max = Math.max(max, e[j]);
        }
        double sum = 0;
        for (double v : e) {
            sum += Math.exp(v - max);
        }
        int count = skip >= 0 ? m - 1 : m;
        return -(max + Math.log(sum) - Math.log(count) - d * Math.log(h * Math.sqrt(2 * Math.PI)));
    }

    @Test
    void referenceIsASeededSampleAndOnlyItsRowsLeaveThemselvesOut() {
        Matrix x = data(900, 5, 7);
        KdeModel m = fit(x, Map.of("bandwidth", 0.4, "max_train", 300), 3, 2);
        assertThat(m.referenceCount()).isEqualTo(300);
        int[] refRows = m.referenceRows();
        double[] ref = m.points();
        double[] fitTime = TrainingScores.of(m, x, 2);
        double[] asNew = new double[x.rows()];
        m.score(x, asNew, 2);
        int inReference = 0;
        for (int i = 0; i < x.rows(); i++) {
            int self = Arrays.binarySearch(refRows, i);
            double expected = naiveScore(ref, 300, 5, 0.4, x.data(), i * 5, Math.max(-1, self));
            assertThat(fitTime[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(expected))));
            if (self < 0) {
                assertThat(fitTime[i]).isEqualTo(asNew[i]);
            } else {
                inReference++;
                assertThat(fitTime[i]).isGreaterThan(asNew[i]);
            }
        }
        assertThat(inReference).isEqualTo(300);
        assertThat(fit(x, Map.of("bandwidth", 0.4, "max_train", 300), 4, 1).referenceRows()).isNotEqualTo(refRows);
    }

    @Test
    void trainingScoresRefuseOtherRows() {
        Matrix x = data(50, 3, 1);
        KdeModel m = fit(x, Map.of(), 1, 1);
        Matrix other = data(50, 3, 2);
        assertThatThrownBy(() -> TrainingScores.of(m, other, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bundlePartRoundTripsToTheSameScores() {
        Matrix x = data(400, 4, 11);
        KdeModel m = fit(x, Map.of("max_train", 250), 5, 2);
        byte[] bytes = FACTORY.encode(m);
        KdeModel back = (KdeModel) FACTORY.decode(bytes, "detector.bin");
        assertThat(back.bandwidth()).isEqualTo(m.bandwidth());
        Matrix q = data(120, 4, 12);
        double[] a = new double[q.rows()];
        double[] b = new double[q.rows()];
        m.score(q, a, 2);
        back.score(q, b, 2);
        assertThat(b).containsExactly(a);
        assertThat(TrainingScores.of(back, x, 2)).containsExactly(TrainingScores.of(m, x, 2));
        assertThat(FACTORY.encode(back)).isEqualTo(bytes);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 9);
        assertThatThrownBy(() -> FACTORY.decode(cut, "detector.bin")).isInstanceOf(InputException.class)
                .hasMessageContaining("detector.bin");
    }

    @Test
    void fittingAndScoringDoNotDependOnTheThreadCount() {
        // above 5,000 rows the bandwidth choice samples too
        Matrix x = data(6_000, 6, 21);
        Matrix q = data(700, 6, 22);
        KdeModel one = fit(x, Map.of("max_train", 2_000), 9, 1);
        assertThat(one.bandwidth()).isBetween(KdeBandwidth.GRID[1], KdeBandwidth.GRID[29]);
        double[] expected = new double[q.rows()];
        one.score(q, expected, 1);
        double[] expectedTrain = TrainingScores.of(one, x, 1);
        for (int threads : new int[] {2, 3, 8}) {
            KdeModel m = fit(x, Map.of("max_train", 2_000), 9, threads);
            assertThat(FACTORY.encode(m)).isEqualTo(FACTORY.encode(one));
            double[] s = new double[q.rows()];
            m.score(q, s, threads);
            assertThat(s).containsExactly(expected);
            assertThat(TrainingScores.of(m, x, threads)).containsExactly(expectedTrain);
        }
    }

    @Test
    void farRowsScoreTheFloorNotInfinity() {
        Matrix x = data(30, 2, 3);
        KdeModel m = fit(x, Map.of("bandwidth", 0.02), 1, 1);
        assertThat(m.score(new double[] {1e200, -1e200})).isEqualTo(1e300);
        assertThat(m.score(new double[] {50, 50})).isFinite().isGreaterThan(1e6);
    }

    @Test
    void invalidParametersAreOneClearMessage() {
        assertThatThrownBy(() -> FACTORY.paramsOf(Params.parse(Map.of("bandwidth", 0.0), FACTORY.params(), "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'bandwidth' in detector (kde): expected a number > 0 or auto, found 0");
        assertThatThrownBy(() -> FACTORY.paramsOf(Params.parse(Map.of("bandwidth", -0.5), FACTORY.params(), "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'bandwidth' in detector (kde): expected a number > 0 or auto, found -0.5");
        assertThatThrownBy(() -> FACTORY.paramsOf(Params.parse(Map.of("max_train", 1), FACTORY.params(), "test")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'max_train' in detector (kde): expected an integer ≥ 2, found 1");
        Map<String, Object> word = new HashMap<>();
        word.put("bandwidth", "wide");
        assertThatThrownBy(() -> FACTORY.paramsOf(Params.parse(word, FACTORY.params(), "test")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bandwidth");
        assertThat(FACTORY.paramsOf(Params.defaults(FACTORY.params()))).isEqualTo(KdeParams.DEFAULTS);
    }

    @Test
    void oneTrainingRowIsAnInputError() {
        assertThatThrownBy(() -> fit(new Matrix(1, 2, new double[] {1, 2}), Map.of(), 1, 1))
                .isInstanceOf(InputException.class).hasMessage("kde: needs at least 2 training rows (each leaves itself out of its "
                        + "own density), found 1");
    }
}
