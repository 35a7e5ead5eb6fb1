package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code stream_rcf}'s streaming contract on generated series: no look-ahead, the same scores for
 * a seed whatever the thread count and however the stream is cut into fit and score, and a
 * fitted model that stores and reads back into the same stream.
 */
class StreamRcfTest {
    static final StreamRcfParams SMALL = new StreamRcfParams(8, 30, 128, 0.0005, 0, 200, true, 10, 1000);

    /** A noisy sine of period {@code period} around 10. */
    static double[] sine(int n, int period, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + 3 * Math.sin(2 * Math.PI * i / period) + 0.2 * r.nextGaussian();
        }
        return x;
    }

    static StreamRcfModel fit(StreamRcfParams p, double[] x, int features, long seed, int threads) {
        return (StreamRcfModel) StreamRcfFactory.trainer(p, seed).fit(new Matrix(x.length / features, features, x),
                null, threads);
    }

    static double[] online(StreamRcfParams p, double[] x, long seed) {
        double[] out = new double[x.length];
        fit(p, new double[0], 1, seed, 1).score(new Matrix(x.length, 1, x), out, 1);
        return out;
    }

    @Test
    void aScoreDependsOnlyOnTheRowsBeforeIt() {
        double[] x = sine(1500, 50, 1);
        double[] full = online(SMALL, x, 7);
        for (int cut : new int[] {300, 777, 1200}) {
            double[] changed = x.clone();
            SplittableRandom r = new SplittableRandom(cut);
            for (int i = cut + 1; i < x.length; i++) {
                changed[i] = 1000 * r.nextGaussian();   // a wildly different future
            }
            double[] other = online(SMALL, changed, 7);
            assertThat(Arrays.copyOf(other, cut + 1)).containsExactly(Arrays.copyOf(full, cut + 1));
            assertThat(other[cut + 1]).isNotEqualTo(full[cut + 1]);
        }
    }

    @Test
    void sameSeedSameScoresWhateverTheThreadsAndAnotherSeedDiffers() {
        double[] x = sine(1200, 60, 2);
        StreamRcfModel one = fit(SMALL, x, 1, 5, 1);
        StreamRcfModel four = fit(SMALL, x, 1, 5, 4);
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        one.scoreTrainingRows(new Matrix(x.length, 1, x), a, 1);
        four.scoreTrainingRows(new Matrix(x.length, 1, x), b, 4);
        assertThat(b).containsExactly(a);
        assertThat(new StreamRcfFactory().encode(four)).isEqualTo(new StreamRcfFactory().encode(one));
        assertThat(online(SMALL, x, 6)).isNotEqualTo(online(SMALL, x, 5));
    }

    @Test
    void scoringContinuesTheTrainedStreamExactly() {
        double[] x = sine(2000, 40, 3);
        double[] all = online(SMALL, x, 11);
        StreamRcfModel head = fit(SMALL, Arrays.copyOf(x, 1300), 1, 11, 1);
        double[] tail = new double[700];
        head.score(new Matrix(700, 1, Arrays.copyOfRange(x, 1300, 2000)), tail, 2);
        assertThat(tail).containsExactly(Arrays.copyOfRange(all, 1300, 2000));
        // scoring never changes the model: the same batch again gives the same scores
        double[] again = new double[700];
        head.score(new Matrix(700, 1, Arrays.copyOfRange(x, 1300, 2000)), again, 1);
        assertThat(again).containsExactly(tail);
        assertThat(head.score(new double[] {x[1300]})).isEqualTo(tail[0]);
    }

    @Test
    void warmupRowsScoreZero() {
        double[] s = online(SMALL, sine(600, 30, 4), 1);
        assertThat(Arrays.copyOf(s, SMALL.warmup())).containsOnly(0.0);
        assertThat(Arrays.stream(s, SMALL.warmup(), 600).allMatch(v -> v >= 0 && v <= 1)).isTrue();
    }

    @Test
    void bundlePartRoundTripContinuesTheSameStream() {
        StreamRcfParams p = SMALL.withSeasonLength(40);
        double[] x = sine(1600, 40, 5);
        StreamRcfModel m = fit(p, Arrays.copyOf(x, 1000), 1, 9, 1);
        StreamRcfFactory f = new StreamRcfFactory();
        byte[] bytes = f.encode(m);
        StreamRcfModel back = (StreamRcfModel) f.decode(bytes, "model/stream_rcf.bin");
        assertThat(f.encode(back)).isEqualTo(bytes);
        Matrix rest = new Matrix(600, 1, Arrays.copyOfRange(x, 1000, 1600));
        double[] a = new double[600];
        double[] b = new double[600];
        m.score(rest, a, 1);
        back.score(rest, b, 1);
        assertThat(b).containsExactly(a);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 9);
        assertThatThrownBy(() -> f.decode(cut, "model/stream_rcf.bin")).isInstanceOf(InputException.class)
                .hasMessageContaining("model/stream_rcf.bin");
    }

    @Test
    void rejectsRowsThatAreNotFinite() {
        assertThatThrownBy(() -> fit(SMALL, new double[] {1, 2, Double.NaN}, 1, 1, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("row 3");
    }
}
