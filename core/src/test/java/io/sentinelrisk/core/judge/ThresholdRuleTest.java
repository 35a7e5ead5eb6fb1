package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.evaluate.JudgeComparison;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdRuleTest {
    //                         0     1     2     3     4     5     6     7
    static final double[] P = {0.95, 0.90, 0.80, 0.70, 0.60, 0.40, 0.20, 0.10};
    static final int[] Y = {1, 1, 0, 1, 0, 0, 1, 0};

    @Test
    void maxF1TakesTheBestCandidateAndFlagsItAndAbove() {
        // flag ≥0.90: P 1, R .5, F1 .667; ≥0.70: P .75, R .75, F1 .75; ≥0.20: P 4/7, R 1, F1 .727
        double t = ThresholdRule.choose("max_f1", 0.8, P, Y);
        assertThat(t).isLessThan(0.70).isGreaterThan(0.60);
        assertThat(0.70 > t).isTrue();
    }

    @Test
    void minRecallTakesTheHighestThresholdKeepingTheRecall() {
        // the middle of the gap below the candidate, in log-odds
        assertThat(ThresholdRule.choose("min_recall", 0.75, P, Y)).isCloseTo(sigmoid((logit(0.70) + logit(0.60)) / 2), within(1e-12));
        assertThat(ThresholdRule.choose("min_recall", 1.0, P, Y)).isCloseTo(sigmoid((logit(0.20) + logit(0.10)) / 2), within(1e-12));
        assertThat(ThresholdRule.choose("max_f1", 0.8, P, new int[8])).isEqualTo(0.5);
    }

    @Test
    void tiedProbabilitiesAreOneCandidate() {
        double[] p = {0.9, 0.5, 0.5, 0.5, 0.1};
        int[] y = {1, 1, 0, 0, 0};
        // ≥0.9: F1 .667; ≥0.5 (all three tied rows): P .5, R 1, F1 .667: the highest wins the tie,
        // and the threshold is the middle of the gap down to 0.5 in log-odds: (logit .9 + 0) / 2
        assertThat(ThresholdRule.choose("max_f1", 0.8, p, y)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void theThresholdLeavesTheLargestMarginOnBothSides() {
        // seen attacks near 1, normal rows near 0: a threshold just below the attacks would miss
        // every record of a new kind scored in between; the middle of the gap in log-odds does not
        double[] p = {0.999, 0.998, 0.001, 0.002};
        int[] y = {1, 1, 0, 0};
        double t = ThresholdRule.choose("max_f1", 0.8, p, y);
        assertThat(t).isCloseTo(sigmoid((logit(0.998) + logit(0.002)) / 2), within(1e-12));
        assertThat(t).isCloseTo(0.5, within(1e-9));
        // scores that are not probabilities: the plain middle
        assertThat(ThresholdRule.choose("max_f1", 0.8, new double[] {5, 3, 1}, new int[] {1, 0, 0})).isEqualTo(4.0);
        // the lowest candidate: the gap goes down to 0
        assertThat(ThresholdRule.choose("min_recall", 1.0, new double[] {0.8, 0.4}, new int[] {0, 1})).isEqualTo(0.2);
    }

    @Test
    void confidentRowsDropLabelsTheProbabilitiesConfidentlyContradict() {
        //                 0     1     2     3     4     5     6     7     8     9
        double[] p = {0.90, 0.80, 0.70, 0.05, 0.10, 0.02, 0.01, 0.03, 0.85, 0.40};
        int[] y = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        // class 1's threshold: mean p of rows labelled 1 = 0.6125; class 0's: mean 1 - p of rows
        // labelled 0 = 1 - 0.235 = 0.765. Row 3 (labelled 1, p 0.05) is confidently 0, row 8
        // (labelled 0, p 0.85) confidently 1: both dropped. Row 9 (p 0.40) reaches neither
        // threshold: its label stands.
        assertThat(ThresholdRule.confidentRows(p, y))
                .containsExactly(true, true, true, false, true, true, true, true, false, true);
        // clean, separated labels: nothing dropped
        assertThat(ThresholdRule.confidentRows(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {1, 1, 0, 0}))
                .containsExactly(true, true, true, true);
        // one class missing: every row kept
        assertThat(ThresholdRule.confidentRows(new double[] {0.9, 0.1}, new int[] {0, 0})).containsExactly(true, true);
        // the rule then reads the kept rows only: with the two wrong labels, the best F1 is
        // 6/8 = 0.75 (flag >= 0.70: rows 0, 1, 2, 8); without them, 1 (rows 0, 1, 2)
        assertThat(ThresholdRule.choose("calibrated_f1", 0.8, p, y)).isCloseTo(0.375, within(1e-12));
        assertThat(ThresholdRule.choose("calibrated_f1", 0.8, p, y, ThresholdRule.confidentRows(p, y))).isEqualTo(0.5);
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void falsePositivesPerThousandAtEightyPercentRecall() {
        // 4 anomalies: 80% recall needs 4 (ceil 3.2); they are found at rank 7 with 3 false positives
        assertThat(JudgeComparison.fpPer1000AtRecall(P, Y, 0.8)).isEqualTo(1000.0 * 3 / 8);
        // ties with the last row flagged are flagged too
        double[] flat = {1, 0, 0, 0, 0, 0, 0, 0};
        int[] y = {1, 1, 0, 0, 0, 0, 0, 0};
        assertThat(JudgeComparison.fpPer1000AtRecall(flat, y, 0.8)).isEqualTo(1000.0 * 6 / 8);
    }

    @Test
    void conditionsBindAndBeforeOrAndNot() {
        JudgeData d = JudgeData.generate(300, 0.1, 5);
        HeuristicRules r = HeuristicRules.parse("""
                rules:
                  - name: a
                    when: x0 > 1 or x1 > 1 and not kind == 'a'
                """, "r.yaml");
        int[] got = r.apply(d.frame).labels();
        double[] x0 = ((io.sentinelrisk.core.data.Column.Numeric) d.frame.column("x0")).values();
        double[] x1 = ((io.sentinelrisk.core.data.Column.Numeric) d.frame.column("x1")).values();
        for (int i = 0; i < 300; i++) {
            boolean expected = x0[i] > 1 || (x1[i] > 1 && !d.frame.column("kind").text(i).equals("a"));
            assertThat(got[i]).as("row %d", i).isEqualTo(expected ? 1 : 0);
        }
    }
}
