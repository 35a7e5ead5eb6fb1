package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinelrisk.core.data.Matrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The spatial rule and the quiet period of {@code stream_rcf}, alone and inside the detector. */
class AlarmRulesTest {

    @Test
    void spatialRuleFiresOnlyBeyondTheToleranceOfTheRangeSoFar() {
        AlarmRules a = new AlarmRules(1, 0.1, 0);
        assertThat(a.observe(new double[] {5}, 0)).isFalse();        // no range yet
        assertThat(a.observe(new double[] {5}, 0)).isFalse();        // constant: no range to leave
        assertThat(a.observe(new double[] {15}, 0)).isFalse();       // range 0 before it
        assertThat(a.observe(new double[] {15.9}, 0)).isFalse();     // range [5, 15]: within 15 + 1
        assertThat(a.observe(new double[] {17.2}, 0)).isTrue();      // range [5, 15.9]: beyond 15.9 + 1.09
        assertThat(a.observe(new double[] {3.9}, 0)).isFalse();      // range [5, 17.2]: within 5 - 1.22
        assertThat(a.observe(new double[] {2.5}, 0)).isTrue();       // beyond 3.9 - 1.33
        AlarmRules off = new AlarmRules(1, 0, 0);
        off.observe(new double[] {0}, 0);
        off.observe(new double[] {1}, 0);
        assertThat(off.observe(new double[] {1000}, 0)).isFalse();
    }

    @Test
    void spatialRuleWatchesEveryFeature() {
        AlarmRules a = new AlarmRules(2, 0.05, 0);
        a.observe(new double[] {0, 0}, 0);
        a.observe(new double[] {1, 1}, 0);
        assertThat(a.observe(new double[] {9, 9, 0.5, 1.2}, 2)).isTrue();   // offset 2: the second feature leaves [0, 1]
        assertThat(a.observe(new double[] {0.5, 0.5}, 0)).isFalse();
    }

    @Test
    void quietPeriodLowersLaterAlarmsToTheWarningLevelThenReportsAgain() {
        AlarmRules a = new AlarmRules(1, 0, 3);
        assertThat(a.filter(1e-7, false, 10)).isEqualTo(1e-7);          // reported: quiet through row 13
        assertThat(a.filter(1e-8, false, 11)).isEqualTo(ScoreLikelihood.YELLOW);
        assertThat(a.filter(0.2, false, 12)).isEqualTo(0.2);             // not an alarm: unchanged
        assertThat(a.filter(1e-9, false, 13)).isEqualTo(ScoreLikelihood.YELLOW);
        assertThat(a.filter(1e-6, false, 14)).isEqualTo(1e-6);          // quiet period over
        assertThat(a.filter(0.5, true, 20)).isEqualTo(ScoreLikelihood.FLOOR);   // spatial: certain alarm
        assertThat(ScoreLikelihood.logScore(ScoreLikelihood.FLOOR)).isEqualTo(1.0);
    }

    @Test
    void spatialAlarmPassesTheQuietPeriodUnlessTheStoredFormHeldIt() {
        AlarmRules now = new AlarmRules(1, 0, 3);
        assertThat(now.filter(1e-7, false, 10)).isEqualTo(1e-7);           // reported: quiet through row 13
        assertThat(now.filter(1e-9, true, 12)).isEqualTo(ScoreLikelihood.FLOOR);
        AlarmRules before = new AlarmRules(1, 0, 3, true);                 // stored forms 2 and 3
        assertThat(before.filter(1e-7, false, 10)).isEqualTo(1e-7);
        assertThat(before.filter(1e-9, true, 12)).isEqualTo(ScoreLikelihood.YELLOW);
    }

    @Test
    void detectorReportsANewExtremeAtOnceAndStaysQuietAfterIt() {
        double[] x = StreamRcfTest.sine(1200, 40, 3);
        x[900] += 30;   // far above anything seen: the spatial rule
        x[960] += 28;   // a second spike, inside the range the first one opened
        StreamRcfParams quiet = StreamRcfTest.SMALL.withSpatialTolerance(0.05).withQuietRows(500);
        double[] s = StreamRcfTest.online(quiet, x, 4);
        assertThat(s[900]).isEqualTo(1.0);
        assertThat(Arrays.stream(s, 901, 1200).max().orElseThrow()).isLessThan(0.5);
        double[] noQuiet = StreamRcfTest.online(quiet.withQuietRows(0), x, 4);
        assertThat(noQuiet[900]).isEqualTo(1.0);
        assertThat(Arrays.stream(noQuiet, 960, 970).max().orElseThrow()).isGreaterThanOrEqualTo(0.5);   // the forest's alarm
        double[] off = StreamRcfTest.online(StreamRcfTest.SMALL, x, 4);
        assertThat(Arrays.copyOf(s, 900)).containsExactly(Arrays.copyOf(off, 900));   // nothing changes before the level
    }

    @Test
    void bundlePartKeepsTheRangeAndTheQuietPeriod() {
        double[] x = StreamRcfTest.sine(1400, 40, 8);
        x[1010] += 40;
        StreamRcfParams p = StreamRcfTest.SMALL.withSpatialTolerance(0.05).withQuietRows(300);
        StreamRcfModel m = StreamRcfTest.fit(p, Arrays.copyOf(x, 1020), 1, 9, 1);   // trained into the quiet period
        StreamRcfFactory f = new StreamRcfFactory();
        StreamRcfModel back = (StreamRcfModel) f.decode(f.encode(m), "model/stream_rcf.bin");
        assertThat(back.params()).isEqualTo(p);
        Matrix rest = new Matrix(380, 1, Arrays.copyOfRange(x, 1020, 1400));
        double[] a = new double[380];
        double[] b = new double[380];
        m.score(rest, a, 1);
        back.score(rest, b, 1);
        assertThat(b).containsExactly(a);
        double[] whole = StreamRcfTest.online(p, x, 9);
        assertThat(a).containsExactly(Arrays.copyOfRange(whole, 1020, 1400));
    }
}
