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

    @Test
    void scoreFloorSuppressesFlagsAndSeverity() {
        Calibration c = new CalibrationTrainer(0.1, List.of(0.005, 0.02, 0.1), 995.5).fit(oneToThousand());
        assertThat(c.isAnomaly(995)).isFalse();
        assertThat(c.severity(995)).isEqualTo(Severity.INFO);
        assertThat(c.isAnomaly(996)).isTrue();
        assertThat(c.severity(996)).isEqualTo(Severity.CRITICAL);
    }
}
