package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.PlantedData;
import io.sentinelrisk.core.detect.support.TrainingScores;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EnsembleTest {

    @Test
    void percentileNormalisationIsTheTrainingCdf() {
        double[] train = new double[100];
        for (int i = 0; i < 100; i++) {
            train[i] = 100 - i; // 1 .. 100, unsorted
        }
        ScoreNormalizer n = ScoreNormalizer.fit(ScoreNormalizer.Kind.PERCENTILE, train);
        assertThat(n.apply(0)).isZero();
        assertThat(n.apply(1000)).isEqualTo(1.0);
        assertThat(n.apply(50.5)).isCloseTo(0.5, within(1e-12));
        assertThat(n.apply(25)).isCloseTo(24.0 / 99, within(1e-12));
        double last = -1;
        for (double s = -5; s < 110; s += 0.37) {
            assertThat(n.apply(s)).isGreaterThanOrEqualTo(last);
            last = n.apply(s);
        }
    }

    @Test
    void robustZCentresOnTheTrainingMedian() {
        ScoreNormalizer n = ScoreNormalizer.fit(ScoreNormalizer.Kind.ROBUST_Z, new double[] {1, 2, 3, 4, 100});
        // median 3, absolute deviations 2 1 0 1 97 → MAD 1
        assertThat(n.apply(3)).isZero();
        assertThat(n.apply(4.4826)).isCloseTo(1.0, within(1e-12));
        ScoreNormalizer flat = ScoreNormalizer.fit(ScoreNormalizer.Kind.ROBUST_Z, new double[] {5, 5, 5, 5, 9});
        assertThat(flat.stats()[1]).isPositive();
    }

    private static EnsembleModel fit(Map<String, Object> raw, Matrix x) {
        EnsembleFactory f = new EnsembleFactory(io.sentinelrisk.core.pipeline.Detectors.catalog());
        return (EnsembleModel) f.trainer(Params.parse(raw, f.params(), "test"), 9).fit(x, null, 2);
    }

    @Test
    void combinesNormalisedMemberScores() {
        PlantedData data = PlantedData.generate(2, 400, 5, 3);
        List<Map<String, Object>> members = List.of(Map.of("type", "hbos"), Map.of("type", "knn", "n_neighbors", 3));
        EnsembleModel avg = fit(Map.of("members", members, "weights", List.of(1.0, 3.0)), data.x());
        EnsembleModel max = fit(Map.of("members", members, "combination", "max"), data.x());
        double[] row = data.x().row(404, new double[3]);
        double z0 = avg.normalise(0, avg.members().get(0).score(row));
        double z1 = avg.normalise(1, avg.members().get(1).score(row));
        assertThat(avg.score(row)).isCloseTo((z0 + 3 * z1) / 4, within(1e-12));
        assertThat(max.score(row)).isCloseTo(Math.max(z0, z1), within(1e-12));
        // the members' fit-time scores define the scale: the median training row scores 0 on each
        double[] knnTrain = TrainingScores.of(avg.members().get(1), data.x(), 1);
        java.util.Arrays.sort(knnTrain);
        assertThat(avg.normalise(1, ScoreNormalizer.quantile(knnTrain, 0.5))).isCloseTo(0, within(1e-12));
    }

    @Test
    void rankAverageLiesBetweenZeroAndOne() {
        PlantedData data = PlantedData.generate(3, 300, 5, 3);
        EnsembleModel m = fit(Map.of("members", List.of(Map.of("type", "ecod"), Map.of("type", "lof")),
                "combination", "rank_average"), data.x());
        double[] s = new double[data.x().rows()];
        m.score(data.x(), s, 2);
        for (double v : s) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(s[data.x().rows() - 1]).isGreaterThan(0.95);
    }

    @Test
    void registryKnowsEveryDetectorOnce() {
        List<String> types = Detectors.types();
        assertThat(types).doesNotHaveDuplicates().contains("hbos", "ecod", "knn", "lof", "ocsvm", "autoencoder",
                "random_forest", "xgboost", "ensemble");
        for (String t : types) {
            assertThat(Detectors.byType(t).type()).isEqualTo(t);
        }
        FittedDetector d = fit(Map.of(), PlantedData.generate(1, 100, 2, 2).x());
        assertThat(((EnsembleModel) d).members()).extracting(FittedDetector::type).containsExactly("iforest", "ecod", "knn");
    }
}
