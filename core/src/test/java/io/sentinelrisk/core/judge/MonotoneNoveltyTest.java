package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.Pipeline;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code monotone_novelty}: the booster never gives an odder row (higher novelty signal, all else equal) a lower probability. */
class MonotoneNoveltyTest {
    static Pipeline fit(boolean monotone, int threads) {
        JudgeData train = JudgeData.generate(3000, 0.05, 1);
        JudgeSettings s = JudgeSettings.of(Map.of("n_estimators", 40, "max_depth", 4, "monotone_novelty", monotone),
                Detectors.catalog(), "test", k -> null);
        return new JudgePipelineTrainer(HybridJudgeTest.config(threads), s)
                .fit(train.frame, JudgeLabels.merge(train.frame.rows(), null, train.labels, null));
    }

    /** Rows whose booster probability falls when one novelty signal is raised (the others kept). */
    static int falls(Pipeline p, Matrix inputs) {
        HybridJudge j = p.judge().orElseThrow();
        List<String> names = j.inputNames();
        int n = inputs.rows();
        double[] base = new double[n];
        j.booster().score(inputs, base, 1);
        int falls = 0;
        for (String signal : HybridJudge.noveltyInputs(List.copyOf(j.detectors().keySet()))) {
            int c = names.indexOf(signal);
            for (double factor : new double[] {1.5, 3, 10}) {
                double[] raised = inputs.data().clone();
                for (int r = 0; r < n; r++) {
                    double v = raised[r * inputs.cols() + c];
                    raised[r * inputs.cols() + c] = v + Math.abs(v) * (factor - 1) + 1e-3;
                }
                double[] q = new double[n];
                j.booster().score(new Matrix(n, inputs.cols(), raised), q, 1);
                for (int r = 0; r < n; r++) {
                    falls += q[r] < base[r] ? 1 : 0;
                }
            }
        }
        return falls;
    }

    static Matrix inputs(Pipeline p) {
        JudgeData test = JudgeData.generate(1500, 0.05, 2);
        HybridJudge j = p.judge().orElseThrow();
        return j.inputs(p.preparation().transform(test.frame), 1);
    }

    @Test
    void anOdderRowIsNeverJudgedLessLikely() {
        Pipeline free = fit(false, 2);
        Pipeline monotone = fit(true, 2);
        // the unconstrained booster does lower some rows when a novelty signal rises: the check can fail
        assertThat(falls(free, inputs(free))).isPositive();
        assertThat(falls(monotone, inputs(monotone))).isZero();
        assertThat(monotone.judge().orElseThrow().summary().get("settings").toString()).contains("monotone_novelty=true");
    }

    @Test
    void monotoneBundleIsByteIdenticalWhateverTheThreads() {
        assertThat(Bundles.toBytes(fit(true, 1), Instant.EPOCH)).isEqualTo(Bundles.toBytes(fit(true, 2), Instant.EPOCH));
    }
}
