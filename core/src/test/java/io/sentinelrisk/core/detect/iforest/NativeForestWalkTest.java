package io.sentinelrisk.core.detect.iforest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The walk in C gives the Java walks' path sums bit for bit, and the forest walks in Java when the
 * library is missing. The build compiles the library when the machine has gcc and names it in
 * {@value NativeForestWalk#PROPERTY} for these tests: when the file is there, it must load.
 */
class NativeForestWalkTest {
    /** Values where a comparison could go wrong: both zeros, infinities, NaN, extremes. */
    @Test
    void theLibraryTheBuildMadeLoads() {
        String path = System.getProperty(NativeForestWalk.PROPERTY);
        assumeTrue(path != null && Files.exists(Path.of(path)), "the build made no library (no gcc)");
        assertThat(NativeForestWalk.available()).as("%s loads", path).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"1, 3, 1", "3, 5, 7", "8, 10, 20", "8, 1, 3", "12, 4, 2"})
    void nativeWalkEqualsJavaWalks(int depth, int cols, int trees) {
        assumeTrue(NativeForestWalk.available(), "the walk in C is not loaded");
        Random rnd = new Random(depth * 1000 + cols);
        CompleteForest forest = randomForest(rnd, trees, depth, cols);
        int rows = 1501;   // several blocks (of every width here) and a ragged end
        double[] x = randomRows(rnd, forest, rows, cols);
        double[] inC = new double[rows];
        double[] byKeys = new double[rows];
        forest.nativePathSums(x, cols, 0, rows, inC);
        forest.keyPathSums(x, cols, 0, rows, byKeys);
        assertThat(inC).isEqualTo(byKeys);
        for (int r = 0; r < rows; r++) {
            assertThat(Double.doubleToRawLongBits(inC[r])).as("row %d", r)
                    .isEqualTo(Double.doubleToRawLongBits(forest.pathSum(x, r * cols)));
        }
        // a range that starts inside a block and leaves the rows around it untouched
        double[] part = new double[rows];
        part[6] = -1;
        part[14] = -1;
        forest.nativePathSums(x, cols, 7, 14, part);
        for (int r = 7; r < 14; r++) {
            assertThat(part[r]).isEqualTo(byKeys[r]);
        }
        assertThat(part[6]).isEqualTo(-1);
        assertThat(part[14]).isEqualTo(-1);
        forest.nativePathSums(x, cols, 9, 9, part);   // no rows: nothing to do
    }

    @Test
    void rowsThatDoNotFitAreRefusedBeforeTheCall() {
        Random rnd = new Random(5);
        CompleteForest forest = randomForest(rnd, 3, 4, 6);
        double[] x = new double[10 * 6];
        double[] out = new double[10];
        assertThatThrownBy(() -> forest.nativePathSums(x, 5, 0, 10, out))   // a split tests column 5
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forest.nativePathSums(x, 6, 0, 11, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forest.nativePathSums(x, 6, 0, 10, new double[9]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forest.nativePathSums(x, 6, 4, 3, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forest.nativePathSums(x, 6, -1, 3, out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingOrBrokenLibraryMeansTheJavaWalk(@TempDir Path dir) {
        assertThat(NativeForestWalk.load(null)).isFalse();
        assertThat(NativeForestWalk.load(" ")).isFalse();
        assertThat(NativeForestWalk.load(dir.resolve("missing.so").toString())).isFalse();
        // whichever walk pathSums picks, it gives the Java walk's sums
        Random rnd = new Random(11);
        CompleteForest forest = randomForest(rnd, 5, 6, 4);
        double[] x = randomRows(rnd, forest, 300, 4);
        double[] picked = new double[300];
        double[] inJava = new double[300];
        forest.pathSums(x, 4, 0, 300, picked);
        forest.javaPathSums(x, 4, 0, 300, inJava);
        assertThat(picked).isEqualTo(inJava);
    }

    /** Random splits on every column (the last one always used), a fifth of them padding (+∞). */
    private static CompleteForest randomForest(Random rnd, int trees, int depth, int cols) {
        int splits = (1 << depth) - 1;
        int[] feature = new int[trees * splits];
        double[] threshold = new double[feature.length];
        double[] leaf = new double[trees * (splits + 1)];
        for (int i = 0; i < feature.length; i++) {
            feature[i] = i == 0 ? cols - 1 : rnd.nextInt(cols);
            threshold[i] = rnd.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : CompleteForestKeyWalkTest.pick(rnd);
            if (Double.isNaN(threshold[i])) {
                threshold[i] = rnd.nextGaussian();   // trained forests have no NaN threshold
            }
        }
        for (int i = 0; i < leaf.length; i++) {
            leaf[i] = rnd.nextInt(depth + 1) + rnd.nextDouble();
        }
        return new CompleteForest(trees, depth, feature, threshold, leaf);
    }

    /** Random values, edge values and values equal to a threshold (ties go left). */
    private static double[] randomRows(Random rnd, CompleteForest forest, int rows, int cols) {
        double[] threshold = forest.threshold();
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(3) == 0 ? threshold[rnd.nextInt(threshold.length)] : CompleteForestKeyWalkTest.pick(rnd);
        }
        return x;
    }
}
