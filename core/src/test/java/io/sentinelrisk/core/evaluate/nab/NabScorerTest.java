package io.sentinelrisk.core.evaluate.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sentinelrisk.core.error.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NAB's scoring rules on small series built here, one rule at a time. */
class NabScorerTest {

    /** 1000 rows a minute apart: probation is the first 150. */
    static long[] minutes(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_400_000_000L + 60L * i;
        }
        return t;
    }

    static NabSeries series(double[] scores, int... windowRows) {
        long[] t = minutes(scores.length);
        List<NabWindow> windows = new ArrayList<>();
        for (int w = 0; w < windowRows.length; w += 2) {
            windows.add(new NabWindow(t[windowRows[w]], t[windowRows[w + 1]]));
        }
        return new NabSeries("test.csv", t, scores, windows);
    }

    static double score(NabProfile profile, NabSeries s) {
        NabScorer scorer = new NabScorer(profile);
        return scorer.scoreAt(scorer.sweep(s), 0.5).score();
    }

    @Test
    void detectionAtWindowStartEarnsFullRewardAndLaterLess() {
        double[] early = new double[1000];
        early[400] = 1;
        double[] late = new double[1000];
        late[499] = 1;
        assertThat(score(NabProfile.STANDARD, series(early, 400, 499))).isCloseTo(1.0, within(1e-12));
        double lateScore = score(NabProfile.STANDARD, series(late, 400, 499));
        // Right edge: 2 sigmoid(5/100) - 1, scaled by 1/scaledSigmoid(-1).
        double expected = (2 / (1 + Math.exp(-5.0 / 100)) - 1) / (2 / (1 + Math.exp(-5.0)) - 1);
        assertThat(lateScore).isCloseTo(expected, within(1e-12)).isLessThan(0.03);
        // Only the best (first) detection in a window counts.
        double[] both = early.clone();
        both[499] = 1;
        assertThat(score(NabProfile.STANDARD, series(both, 400, 499))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void missedWindowCostsFnWeightPerProfile() {
        double[] none = new double[1000];
        assertThat(score(NabProfile.STANDARD, series(none, 400, 499, 700, 750))).isEqualTo(-2.0);
        assertThat(score(NabProfile.REWARD_LOW_FN_RATE, series(none, 400, 499, 700, 750))).isEqualTo(-4.0);
    }

    @Test
    void falsePositivesCostLessRightAfterAWindowAndFullFarAway() {
        double[] before = new double[1000];
        before[300] = 1;   // no window before it: -A_FP
        assertThat(score(NabProfile.STANDARD, series(before, 400, 499))).isCloseTo(-1.0 - 0.11, within(1e-12));
        assertThat(score(NabProfile.REWARD_LOW_FP_RATE, series(before, 400, 499))).isCloseTo(-1.0 - 0.22, within(1e-12));
        double[] right = new double[1000];
        right[500] = 1;    // one row after a 100-row window: scaled sigmoid(1/99)
        double penalty = 0.11 * (2 / (1 + Math.exp(5.0 / 99)) - 1);
        assertThat(score(NabProfile.STANDARD, series(right, 400, 499))).isCloseTo(-1.0 + penalty, within(1e-12));
        assertThat(penalty).isLessThan(0).isGreaterThan(-0.01);
        double[] far = new double[1000];
        far[900] = 1;      // 401 rows after: beyond three window widths
        assertThat(score(NabProfile.STANDARD, series(far, 400, 499))).isCloseTo(-1.11, within(1e-12));
    }

    @Test
    void probationaryRowsAreNotScored() {
        double[] s = new double[1000];
        s[149] = 1;   // last probationary row (floor(0.15 * 1000) = 150)
        NabScorer scorer = new NabScorer(NabProfile.STANDARD);
        NabFileScore r = scorer.scoreAt(scorer.sweep(series(s, 400, 499)), 0.5);
        assertThat(r.fp()).isZero();
        assertThat(r.tn() + r.fn()).isEqualTo(850);
        s[150] = 1;
        r = scorer.scoreAt(scorer.sweep(series(s, 400, 499)), 0.5);
        assertThat(r.fp()).isEqualTo(1);
        assertThat(NabScorer.probationaryLength(100_000)).isEqualTo(750.0);
    }

    @Test
    void optimisedThresholdIsTheBestTotalOverAllFiles() {
        Random rnd = new Random(7);
        NabScorer scorer = new NabScorer(NabProfile.STANDARD);
        List<NabScorer.Sweep> sweeps = new ArrayList<>();
        TreeSet<Double> candidates = new TreeSet<>();
        for (int f = 0; f < 4; f++) {
            double[] s = new double[1000];
            for (int i = 0; i < s.length; i++) {
                // Coarse scores so that thresholds tie; higher inside the windows.
                boolean inWindow = (i >= 400 && i < 480) || (i >= 800 && i < 830);
                s[i] = Math.round((rnd.nextDouble() * 0.8 + (inWindow ? 0.3 : 0)) * 20) / 20.0;
                candidates.add(s[i]);
            }
            sweeps.add(scorer.sweep(series(s, 400, 479, 800, 829)));
        }
        NabFileScore best = scorer.optimise(sweeps);
        double bestByHand = Double.NEGATIVE_INFINITY;
        double bestThreshold = Double.NaN;
        for (double t : candidates.descendingSet()) {
            double total = 0;
            for (NabScorer.Sweep s : sweeps) {
                total += scorer.scoreAt(s, t).score();
            }
            if (total > bestByHand + 1e-9) {
                bestByHand = total;
                bestThreshold = t;
            }
        }
        assertThat(best.score()).isCloseTo(bestByHand, within(1e-9));
        assertThat(best.threshold()).isEqualTo(bestThreshold);
        assertThat(best.threshold()).isGreaterThan(0.05).isLessThan(1.1);
    }

    @Test
    void stableDescendingOrder() {
        assertThat(NabScorer.descendingStable(new double[] {0.5, 1, 0.5, 0, 1})).containsExactly(1, 4, 0, 2, 3);
    }

    @Test
    void windowNotOnARowIsRejected() {
        long[] t = minutes(1000);
        NabSeries s = new NabSeries("x.csv", t, new double[1000], List.of(new NabWindow(t[10] + 1, t[20])));
        assertThatThrownBy(() -> new NabScorer(NabProfile.STANDARD).sweep(s))
                .hasMessageContaining("x.csv").hasMessageContaining("does not start at a row's timestamp");
    }

    @Test
    void badCsvSaysWhere(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "timestamp,value,anomaly_score\n2014-04-01 00:00:00,1,0.5\n2014-04-01 00:05:00,1,high\n");
        assertThatThrownBy(() -> NabFiles.readTable(csv)).isInstanceOf(InputException.class)
                .hasMessageContaining("r.csv:3:3").hasMessageContaining("anomaly_score").hasMessageContaining("'high'");
        Files.writeString(csv, "timestamp,value\n2014-04-01,1\n");
        assertThatThrownBy(() -> NabFiles.readTable(csv)).hasMessageContaining("r.csv:2:1");
    }
}
