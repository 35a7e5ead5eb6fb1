package io.sentinelrisk.core.drift;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Drift against a training profile: planted shifts are found, unshifted data stays quiet, and the statistics are right. */
class DriftAnalysisTest {
    private static Frame data(int n, double shift, String categories, long seed, double missing) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() < missing ? Double.NaN : gauss(r) + shift;
            b[i] = gauss(r);
            c[i] = String.valueOf(categories.charAt(r.nextInt(categories.length())));
        }
        return new Frames().numeric("a", a).numeric("b", b).categorical("c", c).build();
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double[] scoresOf(Frame f) {
        double[] s = new double[f.rows()];
        double[] a = ((io.sentinelrisk.core.data.Column.Numeric) f.column("a")).values();
        for (int i = 0; i < s.length; i++) {
            s[i] = Double.isNaN(a[i]) ? 0 : a[i];
        }
        return s;
    }

    private static DriftReport drift(TrainingProfile profile, Frame f) {
        DriftWindow w = new DriftWindow(profile, f.rows());
        w.addAll(f, scoresOf(f));
        return DriftAnalysis.report(w);
    }

    private static TrainingProfile profile() {
        Frame train = data(20_000, 0, "xxxyyz", 1, 0);
        return new ProfileTrainer().fit(train, scoresOf(train));
    }

    @Test
    void dataFromTheTrainingDistributionIsStable() {
        DriftReport r = drift(profile(), data(5_000, 0, "xxxyyz", 2, 0));
        assertThat(r.verdict()).isEqualTo(Verdict.STABLE);
        assertThat(r.driftedColumns()).isEmpty();
        for (ColumnDrift c : r.columns()) {
            assertThat(c.psi()).as(c.column()).isLessThan(0.02);
        }
        assertThat(r.columns().get(0).ks()).isLessThan(0.03);
    }

    @Test
    void aPlantedShiftIsFoundWithTheRightKsStatistic() {
        DriftReport r = drift(profile(), data(5_000, 0.5, "xxxyyz", 3, 0));
        ColumnDrift a = r.columns().get(0);
        // N(0.5, 1) against N(0, 1): the CDFs differ most at 0.25, by Phi(0.25) - Phi(-0.25) = 0.1974
        assertThat(a.ks()).isCloseTo(0.1974, within(0.025));
        assertThat(a.ksPValue()).isLessThan(1e-10);
        assertThat(a.verdict()).isIn(Verdict.MODERATE, Verdict.SIGNIFICANT);
        assertThat(r.columns().get(1).verdict()).isEqualTo(Verdict.STABLE);
        assertThat(r.score().verdict()).isNotEqualTo(Verdict.STABLE);
        assertThat(r.driftedColumns()).contains("a").doesNotContain("b", "c");
    }

    @Test
    void aShiftOfCategoriesAndAnUnseenCategoryAreFound() {
        DriftReport r = drift(profile(), data(5_000, 0, "xyzzzw", 4, 0));
        ColumnDrift c = r.columns().get(2);
        assertThat(c.kind()).isEqualTo("categorical");
        assertThat(c.ks()).isNull();
        assertThat(c.verdict()).isEqualTo(Verdict.SIGNIFICANT);
    }

    @Test
    void missingValuesThatTrainingNeverHadCountAsDrift() {
        DriftReport r = drift(profile(), data(5_000, 0, "xxxyyz", 5, 0.3));
        ColumnDrift a = r.columns().get(0);
        assertThat(a.missingShare()).isCloseTo(0.3, within(0.02));
        assertThat(a.trainingMissingShare()).isZero();
        assertThat(a.verdict()).isEqualTo(Verdict.SIGNIFICANT);
    }

    @Test
    void psiIsTheTextbookSum() {
        // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5)
        assertThat(DriftAnalysis.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}))
                .isCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), within(1e-12));
        assertThat(DriftAnalysis.psi(new double[] {0.5, 0.5, 0}, new double[] {0.5, 0.5, 0})).isZero();
    }

    @Test
    void theKsPValueFollowsTheKolmogorovDistribution() {
        // Q_KS(1.36) = 0.049 (the 5% critical value); n = m = 20,000 gives sqrt(ne) = 100
        double d = 1.36 / (100 + 0.12 + 0.11 / 100);
        assertThat(DriftAnalysis.kolmogorovPValue(d, 20_000, 20_000)).isCloseTo(0.0494, within(0.001));
        assertThat(DriftAnalysis.kolmogorovPValue(0, 100, 100)).isEqualTo(1);
    }

    @Test
    void aSlidingWindowForgetsTheOldestRows() {
        TrainingProfile profile = profile();
        DriftWindow w = new DriftWindow(profile, 1_000);
        Frame stable = data(5_000, 0, "xxxyyz", 6, 0);
        w.addAll(stable, scoresOf(stable));
        assertThat(w.size()).isEqualTo(1_000);
        assertThat(DriftAnalysis.report(w).columns().get(0).verdict()).isEqualTo(Verdict.STABLE);
        Frame shifted = data(1_000, 1.0, "xxxyyz", 7, 0);
        w.addAll(shifted, scoresOf(shifted));
        assertThat(DriftAnalysis.report(w).columns().get(0).verdict()).isEqualTo(Verdict.SIGNIFICANT);
        w.addAll(stable, scoresOf(stable));
        assertThat(DriftAnalysis.report(w).columns().get(0).verdict()).isEqualTo(Verdict.STABLE);
    }

    @Test
    void fewRowsGetNoVerdict() {
        DriftReport r = drift(profile(), data(50, 3, "zzzzzz", 8, 0));
        assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(r.columns()).allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA));
    }

    @Test
    void largeTrainingSetsAreProfiledOnASeededSampleWithTheWholeRowCount() {
        Frame big = data(250_000, 0, "xxxyyz", 9, 0);
        TrainingProfile p = new ProfileTrainer().fit(big, scoresOf(big));
        assertThat(p.score().rows()).isEqualTo(250_000);
        assertThat(p).isEqualTo(new ProfileTrainer().fit(big, scoresOf(big)));
        ColumnProfile.Numeric a = (ColumnProfile.Numeric) p.columns().get(0);
        assertThat(a.quantiles()[50]).isCloseTo(0, within(0.02));
        for (double share : a.binShares()) {
            assertThat(share).isCloseTo(0.1, within(0.005));
        }
    }
}
