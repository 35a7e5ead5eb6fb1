package io.sentinelrisk.core.calibrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {
    /** Training scores 1..1000: thresholds and risks are easy to reason about. */
    private static double[] oneToThousand() {
        double[] s = new double[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    @Test
    void bandsSelectTheDocumentedShareOfTrainingRows() {
        double[] train = oneToThousand();
        Calibration c = new CalibrationTrainer(0.015, List.of(0.005, 0.02, 0.1), null).fit(train);
        int critical = 0;
        int highOrWorse = 0;
        int mediumOrWorse = 0;
        int anomalies = 0;
        for (double s : train) {
            Severity sev = c.severity(s);
            critical += sev == Severity.CRITICAL ? 1 : 0;
            highOrWorse += sev.compareTo(Severity.HIGH) >= 0 ? 1 : 0;
            mediumOrWorse += sev.compareTo(Severity.MEDIUM) >= 0 ? 1 : 0;
            anomalies += c.isAnomaly(s) ? 1 : 0;
        }
        assertThat(critical).isEqualTo(5);
        assertThat(highOrWorse).isEqualTo(20);
        assertThat(mediumOrWorse).isEqualTo(100);
        assertThat(anomalies).isEqualTo(15);
    }

    @Test
    void riskIsThePercentileOfTheTrainingDistribution() {
        Calibration c = new CalibrationTrainer(0.01, List.of(0.005, 0.02, 0.1), null).fit(oneToThousand());
        assertThat(c.risk(0)).isZero();
        assertThat(c.risk(1)).isZero();
        assertThat(c.risk(2)).isCloseTo(100.0 / 999, within(1e-9));
        assertThat(c.risk(500.5)).isCloseTo(50, within(0.01));
        assertThat(c.risk(991)).isCloseTo(100.0 * 990 / 999, within(1e-9));
        assertThat(c.risk(1000)).isEqualTo(100);
        assertThat(c.risk(1e9)).isEqualTo(100);
    }

    @Test
    void riskIsMonotone() {
        double[] train = new double[5000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < train.length; i++) {
            train[i] = Math.floor(r.nextGaussian() * 4);   // many ties
        }
        Calibration c = new CalibrationTrainer(0.01, List.of(0.005, 0.02, 0.1), null).fit(train);
        double prev = -1;
        for (double s = -20; s <= 20; s += 0.25) {
            double risk = c.risk(s);
            assertThat(risk).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(prev);
            prev = risk;
        }
    }

    /** A detector that gives most rows the same score (a forest's 0.0): the tie is not odd. */
    @Test
    void aScoreMostOfTrainingSharesHasLowRiskAndIsNeverFlagged() {
        double[] train = new double[1000];
        for (int i = 970; i < 1000; i++) {
            train[i] = (i - 969) / 30.0;   // 30 distinct positive scores above 970 zeros
        }
        Calibration c = new CalibrationTrainer(0.01, List.of(0.005, 0.02, 0.1), null).fit(train);
        assertThat(c.risk(0)).isZero();
        assertThat(c.severity(0)).isEqualTo(Severity.INFO);
        assertThat(c.isAnomaly(0)).isFalse();
        assertThat(c.risk(1.0)).isEqualTo(100);
        assertThat(c.severity(1.0)).isEqualTo(Severity.CRITICAL);
        long medium = java.util.Arrays.stream(train).filter(s -> c.severity(s) != Severity.INFO).count();
        assertThat(medium).as("rows in a band: only scores above the tie").isLessThanOrEqualTo(100).isPositive();
    }

    /** 2% of the rows tie at the top score and contamination asks for 1%: none can be flagged, and training says so. */
    @Test
    void tiesAtTheAnomalyThresholdAreWarnedAbout() {
        double[] train = new double[1000];
        for (int i = 980; i < 1000; i++) {
            train[i] = 1.0;
        }
        Calibration c = new CalibrationTrainer(0.01, List.of(0.005, 0.02, 0.1), null).fit(train);
        assertThat(c.isAnomaly(1.0)).isFalse();
        assertThat(CalibrationTrainer.tieWarning(train, c, 0.01)).get().asString()
                .startsWith("contamination 0.01 flags 0 of the 1000 training rows, not about 10: 20 of them tie at the threshold score 1.0");
        Calibration wider = new CalibrationTrainer(0.03, List.of(0.005, 0.02, 0.1), null).fit(train);
        assertThat(wider.isAnomaly(1.0)).isTrue();
        assertThat(CalibrationTrainer.tieWarning(train, wider, 0.03)).isEmpty();
    }

    @Test
    void aRowEqualToEveryTrainingRowHasRiskZero() {
        double[] train = new double[200];
        java.util.Arrays.fill(train, 0.37);
        Calibration c = new CalibrationTrainer(0.01, List.of(0.005, 0.02, 0.1), null).fit(train);
        assertThat(c.risk(0.37)).isZero();
        assertThat(c.severity(0.37)).isEqualTo(Severity.INFO);
        assertThat(c.isAnomaly(0.37)).isFalse();
        assertThat(c.risk(0.38)).isEqualTo(100);
        assertThat(c.severity(0.38)).isEqualTo(Severity.CRITICAL);
        assertThat(c.isAnomaly(0.38)).isTrue();
    }

    /**
     * Property: on tied and untied score distributions, risk is monotone in the score, and
     * severity and is_anomaly agree with it: a band is reached exactly when risk reaches the
     * band's percentile.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void riskIsMonotoneAndSeverityFollowsIt(int seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int n = 50 + r.nextInt(3000);
        double tieShare = r.nextDouble();           // 0 = no ties, near 1 = almost all tied
        int levels = 1 + r.nextInt(20);
        double[] train = new double[n];
        for (int i = 0; i < n; i++) {
            train[i] = r.nextDouble() < tieShare ? 0.0 : Math.floor(r.nextDouble() * levels) / levels + (seed % 2) * r.nextDouble();
        }
        Calibration c = new CalibrationTrainer(0.01, List.of(0.005, 0.02, 0.1), null).fit(train);
        double[] probes = new double[2000 + n];
        for (int i = 0; i < 2000; i++) {
            probes[i] = -0.5 + 3 * r.nextDouble();
        }
        System.arraycopy(train, 0, probes, 2000, n);
        java.util.Arrays.sort(probes);
        double prevRisk = -1;
        Severity prevSeverity = Severity.INFO;
        for (double s : probes) {
            double risk = c.risk(s);
            Severity sev = c.severity(s);
            assertThat(risk).isBetween(0.0, 100.0).isGreaterThanOrEqualTo(prevRisk);
            assertThat(sev).isGreaterThanOrEqualTo(prevSeverity);
            prevRisk = risk;
            prevSeverity = sev;
            double[] at = {99.5, 98, 90};
            Severity[] band = {Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM};
            for (int b = 0; b < 3; b++) {
                if (sev.compareTo(band[b]) >= 0) {
                    assertThat(risk).as("score %s is %s", s, sev).isGreaterThanOrEqualTo(at[b] - 1e-6);
                }
                if (risk >= at[b] + 1e-6) {
                    assertThat(sev).as("score %s has risk %s", s, risk).isGreaterThanOrEqualTo(band[b]);
                }
            }
            if (c.isAnomaly(s)) {
                assertThat(risk).isGreaterThanOrEqualTo(99 - 1e-6);
            }
        }
    }

    @Test
    void scoreFloorSuppressesFlagsAndSeverity() {
        Calibration c = new CalibrationTrainer(0.1, List.of(0.005, 0.02, 0.1), 995.5).fit(oneToThousand());
        assertThat(c.isAnomaly(995)).isFalse();
        assertThat(c.severity(995)).isEqualTo(Severity.INFO);
        assertThat(c.isAnomaly(996)).isTrue();
        assertThat(c.severity(996)).isEqualTo(Severity.CRITICAL);
    }
}
