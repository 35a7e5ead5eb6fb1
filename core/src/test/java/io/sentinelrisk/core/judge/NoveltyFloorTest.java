package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.pipeline.Detectors;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The novelty floor: its cut keeps the stated false-positive rate on normal rows, and lets an unseen kind cross the threshold. */
class NoveltyFloorTest {
    private static double[] gaussians(int n, double mean, double sd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = mean + sd * r.nextGaussian();
        }
        return z;
    }

    /** How many of {@code v} are strictly above {@code cut} (flagged, for probabilities and a threshold). */
    private static int above(double[] v, double cut) {
        int n = 0;
        for (double x : v) {
            n += x > cut ? 1 : 0;
        }
        return n;
    }

    @Test
    void cutLeavesExactlyTheBudgetOfNormalRowsAbove() {
        double[] z = new double[10_000];
        for (int i = 0; i < z.length; i++) {
            z[i] = (i * 7919) % z.length;   // 0..9999, shuffled
        }
        NoveltyFloor f = NoveltyFloor.calibrate(z, 0.01);
        assertThat(f.cut()).isEqualTo(9899);
        assertThat(above(z, f.cut())).isEqualTo(100);
    }

    /**
     * Normal rows' novelty log-odds ~ N(0, 1): the cut for 1% is the normal quantile 2.326, and on
     * new normal rows about 1% cross it. An unseen kind with log-odds ~ N(3.5, 0.5), which the
     * booster gives 0.01, is flagged for the share of it above the cut (99%); without the floor none is.
     */
    @Test
    void normalRowsKeepTheRateAndAnUnseenKindCrossesTheThreshold() {
        NoveltyFloor f = NoveltyFloor.calibrate(gaussians(20_000, 0, 1, 1), 0.01);
        assertThat(f.cut()).isCloseTo(2.326, within(0.08));
        double threshold = 0.3;
        double[] freshNormal = gaussians(20_000, 0, 1, 2);
        double[] p = new double[freshNormal.length];
        java.util.Arrays.fill(p, 0.01);
        f.apply(p, freshNormal, threshold);
        assertThat((double) above(p, threshold) / p.length).isCloseTo(0.01, within(0.003));

        double[] unseen = gaussians(2_000, 3.5, 0.5, 3);
        double[] q = new double[unseen.length];
        java.util.Arrays.fill(q, 0.01);
        assertThat(above(q, threshold)).isZero();
        f.apply(q, unseen, threshold);
        assertThat((double) above(q, threshold) / q.length).isCloseTo(0.99, within(0.01));
    }

    @Test
    void floorOnlyRaisesAndMapsTheCutOntoTheThreshold() {
        NoveltyFloor f = new NoveltyFloor(0.01, 2.0);
        double[] p = {0.9, 0.1, 0.1, 0.1};
        f.apply(p, new double[] {-5, 1.9, 2.0, 2.1}, 0.4);
        assertThat(p[0]).isEqualTo(0.9);                   // the booster's probability is kept when higher
        assertThat(p[1]).isLessThan(0.4).isGreaterThan(0.1);  // odd, but under the cut: raised, not flagged
        assertThat(p[2]).isCloseTo(0.4, within(1e-12));     // at the cut: the threshold itself, not flagged
        assertThat(p[3]).isGreaterThan(0.4);                // above the cut: flagged
    }

    @Test
    void settingIsCheckedAndNeedsThePrior() {
        assertThatThrownBy(() -> JudgeSettings.of(Map.of("novelty_floor_fpr", 0.5), Detectors.catalog(), "test", k -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("novelty_floor_fpr");
        assertThatThrownBy(() -> JudgeSettings.of(Map.of("novelty_floor_fpr", 0.01, "novelty_prior", false), Detectors.catalog(),
                "test", k -> null)).isInstanceOf(ConfigException.class).hasMessageContaining("needs 'novelty_prior: true'");
        assertThat(JudgeSettings.defaults(Detectors.catalog()).noveltyFloorFpr()).isZero();
    }
}
