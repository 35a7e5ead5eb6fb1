package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinelrisk.core.data.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Planted anomalies in generated series (a spike, a level shift, a broken season, a broken
 * relation between two series): an alarm (tail probability 1e-5 or less) within a few rows
 * after the anomaly starts, and at most two in the 1600 normal rows before it.
 */
class PlantedAnomalyTest {
    static final int N = 2400;
    static final int AT = 1800;
    static final StreamRcfParams P = StreamRcfTest.SMALL;

    static double[] scores(StreamRcfParams p, double[] x, int features) {
        double[] out = new double[x.length / features];
        StreamRcfTest.fit(p, new double[0], features, 3, 1).score(new Matrix(out.length, features, x), out, 1);
        return out;
    }

    /** Score of an alarm: tail probability 1e-5 (likelihood 0.99999) on the log scale. */
    static final double ALARM = ScoreLikelihood.logScore(ScoreLikelihood.RED);

    /** An alarm within {@code within} rows from the anomaly's start, and at most two before it after the warm-up (measured: 0 to 2). */
    static void assertFoundNear(double[] s, int at, int within) {
        int first = -1;
        for (int i = at; i <= at + within && first < 0; i++) {
            if (s[i] >= ALARM) {
                first = i;
            }
        }
        assertThat(first).as("an alarm within %d rows of %d", within, at).isGreaterThanOrEqualTo(at);
        int early = 0;
        for (int i = P.warmup(); i < at; i++) {
            early += s[i] >= ALARM ? 1 : 0;
        }
        assertThat(early).as("alarms before the anomaly").isLessThanOrEqualTo(2);
    }

    @Test
    void spike() {
        double[] x = StreamRcfTest.sine(N, 50, 21);
        x[AT] += 4;
        assertFoundNear(scores(P, x, 1), AT, 10);
    }

    @Test
    void levelShift() {
        double[] x = StreamRcfTest.sine(N, 50, 22);
        for (int i = AT; i < N; i++) {
            x[i] += 5;
        }
        assertFoundNear(scores(P, x, 1), AT, 10);
    }

    @Test
    void seasonalBreakWithTheSeasonalView() {
        // one season (50 rows) where the cycle runs backwards: every value stays in the usual range
        double[] x = StreamRcfTest.sine(N, 50, 23);
        for (int i = AT; i < AT + 50; i++) {
            x[i] = 20 - x[i];
        }
        assertFoundNear(scores(P.withSeasonLength(50), x, 1), AT, 25);
    }

    @Test
    void brokenRelationBetweenTwoSeries() {
        SplittableRandom r = new SplittableRandom(24);
        double[] x = new double[2 * N];
        for (int i = 0; i < N; i++) {
            double a = 100 * Math.sin(2 * Math.PI * i / 80) + r.nextGaussian();
            x[2 * i] = a;
            // the second series follows the first (in other units) until AT, then the opposite way
            x[2 * i + 1] = (i < AT ? 0.01 : -0.01) * a + 0.01 * r.nextGaussian();
        }
        assertFoundNear(scores(P, x, 2), AT, 25);
    }
}
