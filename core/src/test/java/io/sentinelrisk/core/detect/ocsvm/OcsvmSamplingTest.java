package io.sentinelrisk.core.detect.ocsvm;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.PlantedData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OcsvmSamplingTest {

    private static byte[] fit(Matrix x, int maxTrain, long seed) {
        OcsvmFactory f = new OcsvmFactory();
        Params p = Params.parse(Map.of("nu", 0.2, "max_train", maxTrain), f.params(), "test");
        return f.encode(f.trainer(p, seed).fit(x, null, 1));
    }

    @Test
    void trainsOnASeededSampleOfAtMostMaxTrainRows() {
        Matrix x = PlantedData.generate(1, 500, 0, 3).x();
        assertThat(fit(x, 200, 7)).isEqualTo(fit(x, 200, 7));
        assertThat(fit(x, 200, 7)).isNotEqualTo(fit(x, 200, 8));
        // with max_train ≥ rows every row is used and the seed does not matter
        assertThat(fit(x, 500, 7)).isEqualTo(fit(x, 500, 8));
        OcsvmModel m = (OcsvmModel) new OcsvmFactory().decode(fit(x, 200, 7), "p");
        // nu = 0.2 of 200 rows: at least 40 support vectors, never more than the sample
        assertThat(m.supportVectorCount()).isBetween(40, 200);
    }

    @Test
    void sampleIsWithoutReplacementAndSorted() {
        int[] s = OcsvmTrainer.sample(1000, 100, 3);
        assertThat(s).hasSize(100).doesNotHaveDuplicates().isSorted();
        assertThat(Arrays.stream(s).allMatch(i -> i >= 0 && i < 1000)).isTrue();
        assertThat(OcsvmTrainer.sample(50, 100, 3)).hasSize(50);
    }

    @Test
    void scaleGammaIsOneOverFeaturesTimesVariance() {
        // values 0 1 2 3 (2 × 2): mean 1.5, variance 1.25 → gamma = 1 / (2 × 1.25)
        assertThat(OcsvmTrainer.scaleGamma(new Matrix(2, 2, new double[] {0, 1, 2, 3}))).isCloseTo(0.4, within(1e-15));
        assertThat(OcsvmTrainer.scaleGamma(new Matrix(2, 2, new double[] {5, 5, 5, 5}))).isEqualTo(1.0);
    }
}
