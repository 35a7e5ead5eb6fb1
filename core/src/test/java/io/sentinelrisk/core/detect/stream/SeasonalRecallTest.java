package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinelrisk.core.data.Matrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The seasonal recall rule: an alarm is recalled only when alarms came at the same time (within
 * the shift) of at least two of the last seven seasons; in {@code stream_rcf}, a burst at the
 * same time every day stops raising alarms after its first days, while a burst at a new time
 * still does, and a model with the rule stores and reads back into the same stream.
 */
class SeasonalRecallTest {
    private static final int P = 48;   // shift: 2 rows

    /** Feeds rows 0..n-1 with alarms at the given rows; returns the rows whose alarm was recalled. */
    private static int[] recalled(int n, int... alarms) {
        SeasonalRecall r = new SeasonalRecall(P);
        return java.util.stream.IntStream.range(0, n)
                .filter(t -> r.step(Arrays.binarySearch(alarms, t) >= 0))
                .toArray();
    }

    @Test
    void twoEarlierSeasonsWithinTheShiftRecallOneDoesNot() {
        assertThat(SeasonalRecall.shiftOf(P)).isEqualTo(2);
        assertThat(SeasonalRecall.shiftOf(288)).isEqualTo(12);
        assertThat(SeasonalRecall.shiftOf(2)).isEqualTo(1);
        // alarms at phase 10 of seasons 0 and 1, then at phase 12 (within the shift) of season 2
        assertThat(recalled(5 * P, 10, P + 10, 2 * P + 12)).containsExactly(2 * P + 12);
        // the same, but the third alarm at phase 13: one row beyond the shift of season 1's alarm
        assertThat(recalled(5 * P, 10, P + 10, 2 * P + 13)).isEmpty();
        // one earlier season only: a coincidence
        assertThat(recalled(5 * P, P + 10, 2 * P + 10)).isEmpty();
        // seasons more than seven back are forgotten
        assertThat(recalled(12 * P, 10, P + 10, 9 * P + 10)).isEmpty();
        assertThat(recalled(12 * P, 2 * P + 10, 3 * P + 10, 9 * P + 10)).containsExactly(9 * P + 10);
    }

    /**
     * A noisy flat day of {@code period} rows with a one-row burst at {@code phase} every day, and
     * one burst at {@code newPhase} on day {@code newDay}.
     */
    private static double[] dailyBursts(int period, int days, int phase, int newDay, int newPhase) {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[days * period];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + 0.05 * r.nextGaussian();
            int day = i / period;
            int at = i % period;
            if (at == phase || (day == newDay && at == newPhase)) {
                x[i] = 8 + 0.3 * r.nextGaussian();
            }
        }
        return x;
    }

    private static double[] scores(StreamRcfParams p, double[] x) {
        double[] out = new double[x.length];
        StreamRcfTest.fit(p, new double[0], 1, 11, 1).score(new Matrix(x.length, 1, x), out, 1);
        return out;
    }

    @Test
    void aDailyBurstIsRecalledAndABurstAtANewTimeIsNot() {
        // a day of 5-minute rows: one burst row a day is rare among a tree's 256 points, as on NAB's ec2 files
        int day = 288;
        int days = 14;
        double[] x = dailyBursts(day, days, 20, 10, 144);
        StreamRcfParams base = new StreamRcfParams(4, 30, 256, 0.0001, 0, 2 * day, true, 10, 2000, 0, 0);
        double[] off = scores(base, x);
        double[] on = scores(base.withRecallPeriod(day), x);
        int offAlarms = 0;
        int onAlarms = 0;
        for (int d = 4; d < days; d++) {
            offAlarms += max(off, d * day + 15, d * day + 35) >= 0.5 ? 1 : 0;
            onAlarms += max(on, d * day + 15, d * day + 35) >= 0.5 ? 1 : 0;
        }
        assertThat(offAlarms).as("without the rule the daily burst keeps raising alarms").isGreaterThanOrEqualTo(5);
        assertThat(onAlarms).as("with it, not after its first days").isZero();
        assertThat(max(on, 10 * day + 142, 10 * day + 152)).as("a burst at a new time of day").isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void aModelWithTheRuleReadsBackIntoTheSameStream() {
        double[] x = dailyBursts(P, 16, 20, 12, 40);
        StreamRcfParams p = new StreamRcfParams(4, 20, 64, 0.0005, 0, 2 * P, true, 10, 1000, 0.1, 50).withRecallPeriod(P);
        int cut = 9 * P + 7;
        StreamRcfModel m = StreamRcfTest.fit(p, Arrays.copyOf(x, cut), 1, 5, 1);
        StreamRcfFactory f = new StreamRcfFactory();
        StreamRcfModel back = (StreamRcfModel) f.decode(f.encode(m), "model/stream_rcf.bin");
        assertThat(back.params()).isEqualTo(p);
        double[] rest = Arrays.copyOfRange(x, cut, x.length);
        double[] a = new double[rest.length];
        double[] b = new double[rest.length];
        m.score(new Matrix(rest.length, 1, rest), a, 1);
        back.score(new Matrix(rest.length, 1, rest), b, 1);
        assertThat(b).containsExactly(a);
        assertThat(f.encode(back)).isEqualTo(f.encode(m));
    }

    @Test
    void aVersionTwoPartReadsWithTheRuleOff() {
        StreamRcfParams p = new StreamRcfParams(4, 10, 32, 0.001, 0, 100, true, 10, 200, 0.1, 40);
        double[] x = dailyBursts(P, 6, 20, 4, 40);
        StreamRcfModel m = StreamRcfTest.fit(p, Arrays.copyOf(x, 150), 1, 5, 1);
        byte[] v4 = new StreamRcfFactory().encode(m);
        // the second stored form: version 2 in the header, no recall_period after quiet_rows (offset 60)
        // and no flag of the quiet period's form after the alarm rules' state (the last 4 bytes, with no recall)
        byte[] v2 = new byte[v4.length - 8];
        System.arraycopy(v4, 0, v2, 0, 60);
        System.arraycopy(v4, 64, v2, 60, v4.length - 68);
        assertThat(Arrays.copyOfRange(v4, 60, 64)).containsExactly(0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(v4, v4.length - 4, v4.length)).containsExactly(0, 0, 0, 0);
        v2[7] = 2;
        StreamRcfModel old = (StreamRcfModel) new StreamRcfFactory().decode(v2, "model/stream_rcf.bin");
        assertThat(old.params()).isEqualTo(p);
        assertThat(old.params().recallPeriod()).isZero();
        double[] rest = Arrays.copyOfRange(x, 150, x.length);
        double[] a = new double[rest.length];
        double[] b = new double[rest.length];
        m.score(new Matrix(rest.length, 1, rest), a, 1);
        old.score(new Matrix(rest.length, 1, rest), b, 1);
        assertThat(b).containsExactly(a);
    }

    private static double max(double[] s, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, s[i]);
        }
        return m;
    }
}
