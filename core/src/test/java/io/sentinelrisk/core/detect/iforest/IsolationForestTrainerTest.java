package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Edge cases of fitting and scoring. */
class IsolationForestTrainerTest {

    @Test
    void nonFiniteTrainingValuesAreRejectedWithTheirPlace() {
        double[] v = new double[12];
        v[7] = Double.NaN;
        assertThatThrownBy(() -> IsolationForestTrainer.withDefaults(1).fit(new Matrix(4, 3, v), null, 1))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("NaN").hasMessageContaining("row 3, feature 2");
        v[7] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> IsolationForestTrainer.withDefaults(1).fit(new Matrix(4, 3, v), null, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("Infinity");
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> IsolationForestTrainer.withDefaults(1).fit(Matrix.zeros(0, 3), null, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("no rows");
        assertThatThrownBy(() -> IsolationForestTrainer.withDefaults(1).fit(Matrix.zeros(5, 0), null, 1))
                .isInstanceOf(InputException.class).hasMessageContaining("without features");
    }

    @Test
    void oneRowGivesTheNeutralScoreAsScikitLearn() {
        IsolationForest model = IsolationForestTrainer.withDefaults(1).fit(new Matrix(1, 2, new double[]{1, 2}), null, 1);
        assertThat(model.samplesPerTree()).isEqualTo(1);
        assertThat(model.score(new double[]{1, 2})).isEqualTo(0.5);
        assertThat(model.score(new double[]{100, -2})).isEqualTo(0.5);
    }

    @Test
    void twoRowsSplitOnceAndScoreOneHalf() {
        // psi = 2: the root split separates the two rows, each leaf holds one sample:
        // h = 1 + c(1) = 1 in every tree, c(2) = 1, s = 2^-1.
        IsolationForest model = IsolationForestTrainer.withDefaults(3).fit(new Matrix(2, 1, new double[]{0, 1}), null, 1);
        assertThat(model.maxDepth()).isEqualTo(1);
        assertThat(model.averagePathLength(new double[]{0})).isEqualTo(1.0);
        assertThat(model.score(new double[]{1})).isEqualTo(0.5);
    }

    @Test
    void identicalRowsAreOneLeafAndScoreAlike() {
        double[] v = new double[300];
        Arrays.fill(v, 4.2);
        IsolationForest model = IsolationForestTrainer.withDefaults(1).fit(new Matrix(100, 3, v), null, 2);
        // Nothing to split: every tree is a root leaf holding all 100 samples, h = c(100).
        assertThat(model.averagePathLength(new double[]{4.2, 4.2, 4.2}))
                .isCloseTo(PathLength.averagePathLength(100), within(1e-12));
        assertThat(model.score(new double[]{4.2, 4.2, 4.2})).isCloseTo(0.5, within(1e-12));
        assertThat(model.score(new double[]{-9, 0, 9})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void constantFeaturesAreNeverSplitOn() {
        double[] v = new double[3 * 500];
        for (int r = 0; r < 500; r++) {
            v[3 * r] = 7;
            v[3 * r + 1] = r;
            v[3 * r + 2] = -1;
        }
        IsolationForest model = IsolationForestTrainer.withDefaults(2).fit(new Matrix(500, 3, v), null, 1);
        CompleteForest forest = (CompleteForest) model.forest();
        for (int i = 0; i < forest.feature().length; i++) {
            if (forest.threshold()[i] != Double.POSITIVE_INFINITY) { // padding below early leaves
                assertThat(forest.feature()[i]).isEqualTo(1);
            }
        }
    }

    @Test
    void scoringChecksTheShapeOfItsInput() {
        IsolationForest model = IsolationForestTrainer.withDefaults(1).fit(TestData.gaussian(1, 100, 3), null, 1);
        assertThatThrownBy(() -> model.score(new double[2]))
                .isInstanceOf(InputException.class).hasMessageContaining("3 prepared features, found 2");
        assertThatThrownBy(() -> model.score(Matrix.zeros(5, 4), new double[5], 1))
                .isInstanceOf(InputException.class).hasMessageContaining("found 4");
        assertThatThrownBy(() -> model.score(Matrix.zeros(5, 3), new double[4], 1))
                .isInstanceOf(IllegalArgumentException.class);
        double[] empty = new double[0];
        model.score(Matrix.zeros(0, 3), empty, 2);
    }

    @Test
    void thresholdsStayInsideTheirRange() {
        assertThat(TreeGrower.threshold(1.0, 2.0, 0.0)).isEqualTo(1.0);
        assertThat(TreeGrower.threshold(1.0, 2.0, 0.5)).isEqualTo(1.5);
        // rounding up onto max falls back to min, as scikit-learn
        assertThat(TreeGrower.threshold(1.0, Math.nextUp(1.0), 0.9999999999999999)).isEqualTo(1.0);
        // a span that overflows still gives a finite threshold in range
        double t = TreeGrower.threshold(-Double.MAX_VALUE, Double.MAX_VALUE, 0.75);
        assertThat(t).isFinite().isGreaterThan(0.0);
    }
}
