package io.sentinelrisk.core.explain;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExplainerTest {
    /** A category's share is written as the Formatter would: ties of the tenth, near them, tiny and whole shares. */
    @Test
    void sharesAreWrittenAsTheFormatterWritesThem() {
        java.util.Random rnd = new java.util.Random(11);
        java.util.List<Double> fs = new java.util.ArrayList<>(java.util.List.of(0.0, 1e-9, 0.001, 0.0099999, 0.01, 0.5, 1.0));
        for (int i = 0; i <= 20_000; i++) {
            double tie = i / 20_000.0 + 0.0005;
            fs.addAll(java.util.List.of(tie, Math.nextUp(tie), Math.nextDown(tie), i / 20_000.0));
        }
        for (int i = 0; i < 200_000; i++) {
            fs.add(rnd.nextDouble());
            fs.add(rnd.nextInt(1, 100_001) / (double) rnd.nextInt(100_000, 200_001));
        }
        for (double f : fs) {
            String expected = f >= 0.01 ? String.format(java.util.Locale.ROOT, "%.1f%%", 100 * f)
                    : String.format(java.util.Locale.ROOT, "%.2g%%", 100 * f);
            assertThat(Explainer.percent(f)).as("f = %s", f).isEqualTo(expected);
        }
    }

    @Test
    void namesTheDeviantFeatureWithASignedRobustZ() {
        Frame train = Frames.gaussianWithOutliers(2000, 0, 1);
        Explainer e = new ExplainerTrainer().fit(train);
        Frame probe = new Frames().numeric("x", 0.1).numeric("y", -12).categorical("country", "US").build();
        List<Reason> reasons = e.top(probe, 0, 2);
        assertThat(reasons.get(0).feature()).isEqualTo("y");
        assertThat(reasons.get(0).deviation()).isLessThan(-9).isGreaterThan(-15);
        assertThat(reasons.get(0).narrative()).startsWith("y is -").contains("std below normal");
        assertThat(Explainer.narrative(reasons)).contains("y is -").doesNotContain("x is");
    }

    @Test
    void rareAndUnseenCategoriesDeviate() {
        Frame train = Frames.gaussianWithOutliers(1000, 0, 2);
        Explainer e = new ExplainerTrainer().fit(train);
        Frame probe = new Frames().numeric("x", 0).numeric("y", 0).categorical("country", "KP").build();
        Reason r = e.top(probe, 0, 1).get(0);
        assertThat(r.feature()).isEqualTo("country");
        // Never seen in 1000 rows: as rare as 1/1001, i.e. a two-sided normal tail of z ≈ 3.29.
        assertThat(r.deviation()).isCloseTo(3.29, within(0.01));
        assertThat(r.narrative()).contains("'KP' was never seen in training");
    }

    /** One user among 200 equally frequent ones is not rare; a country far rarer than the others is. */
    @Test
    void rarityIsRelativeToTheColumnsOtherValues() {
        int n = 4000;
        String[] user = new String[n];
        String[] country = new String[n];
        for (int i = 0; i < n; i++) {
            user[i] = "u" + (i % 200);
            country[i] = i == 7 ? "KP" : i % 2 == 0 ? "FR" : "DE";
        }
        Frame train = new Frames().categorical("user", user).categorical("country", country).build();
        Explainer e = new ExplainerTrainer().fit(train);
        List<Reason> ordinary = e.explain(train, 8);
        assertThat(ordinary).allSatisfy(r -> assertThat(r.deviation()).isLessThan(1));
        assertThat(ordinary).filteredOn(r -> r.feature().equals("user")).singleElement()
                .satisfies(r -> assertThat(r.narrative()).isEqualTo("user 'u8' is common (0.50% of training rows)"));
        Reason kp = e.explain(train, 7).get(0);
        assertThat(kp.feature()).isEqualTo("country");
        assertThat(kp.deviation()).isCloseTo(io.sentinelrisk.core.util.Stats.normalQuantile(1 - 0.5 / n), within(1e-9));
        assertThat(kp.narrative()).isEqualTo("country 'KP' is rare (0.025% of training rows)");
    }

    /** The brief strongest reason is explain()'s first: same feature, same deviation, ties and missing values included. */
    @Test
    void strongestIsTheFirstReasonOfExplain() {
        Frame train = Frames.gaussianWithOutliers(2000, 20, 3);
        Explainer e = new ExplainerTrainer().fit(train);
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        int n = 3000;
        double[] x = new double[n];
        double[] y = new double[n];
        String[] country = new String[n];
        String[] pool = {"US", "FR", "KP", "", "DE", "ZZ"};
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 5) {
                case 0 -> Double.NaN;                              // missing
                case 1 -> 0;                                       // ties at deviation 0
                default -> random.nextGaussian() * 4;
            };
            y[i] = i % 7 == 0 ? x[i] : random.nextGaussian() * 3;  // equal deviations in x and y
            country[i] = pool[random.nextInt(pool.length)];
        }
        Frame probe = new Frames().numeric("x", x).numeric("y", y).categorical("country", country).build();
        io.sentinelrisk.core.data.Column[] columns = e.columnsOf(probe);
        for (int r = 0; r < n; r++) {
            Reason first = e.explain(probe, r).get(0);
            Explainer.Strongest s = e.strongest(probe, r);
            assertThat(s.feature()).as("row %d", r).isEqualTo(first.feature());
            assertThat(s.deviation()).as("row %d", r).isEqualTo(first.deviation());
            // the scorecard's form: the same baseline and sign, the columns looked up once
            int code = e.strongestCode(columns, r);
            assertThat(e.feature(code >> 1)).as("row %d", r).isEqualTo(s.feature());
            assertThat((code & 1) == 1).as("row %d", r).isEqualTo(s.deviation() < 0);
        }
        assertThat(e.strongest(new Frames().numeric("other", 1).build(), 0)).isNull();
        Frame other = new Frames().numeric("other", 1).build();
        assertThat(e.strongestCode(e.columnsOf(other), 0)).isEqualTo(-1);
    }

    @Test
    void normalQuantileMatchesKnownValues() {
        assertThat(io.sentinelrisk.core.util.Stats.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(io.sentinelrisk.core.util.Stats.normalQuantile(0.5)).isCloseTo(0, within(1e-9));
        assertThat(io.sentinelrisk.core.util.Stats.normalQuantile(0.001)).isCloseTo(-3.090232, within(1e-6));
    }

    /**
     * top(k) builds texts only for the reasons it returns; it must still be exactly the first k of
     * explain(): same reasons, same order (ties by column order), missing values and NaN included.
     */
    @Test
    void topIsThePrefixOfEveryReason() {
        Frame train = Frames.gaussianWithOutliers(1000, 5, 3);
        Explainer e = new ExplainerTrainer().fit(train);
        java.util.Random rnd = new java.util.Random(7);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        String[] country = new String[n];
        String[] pool = {"US", "FR", "KP", null, "ZZ"};
        for (int i = 0; i < n; i++) {
            x[i] = i % 17 == 0 ? Double.NaN : i % 5 == 0 ? 0 : rnd.nextGaussian() * 4;
            y[i] = i % 5 == 0 ? 0 : i % 3 == 0 ? x[i] : rnd.nextGaussian() * 4;   // ties
            country[i] = pool[rnd.nextInt(pool.length)];
        }
        Frame probe = new Frames().numeric("x", x).numeric("y", y).categorical("country", country).build();
        for (int r = 0; r < n; r++) {
            List<Reason> all = e.explain(probe, r);
            for (int k = 0; k <= all.size() + 1; k++) {
                assertThat(e.top(probe, r, k)).as("row %d top %d", r, k).isEqualTo(all.subList(0, Math.min(k, all.size())));
            }
        }
    }
}
