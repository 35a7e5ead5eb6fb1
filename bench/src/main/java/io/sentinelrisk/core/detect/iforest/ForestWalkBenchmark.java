package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.data.Matrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The isolation forest's walk alone, per row: in C ({@link CompleteForest#nativePathSums}) and in
 * Java under each compiler: on keys under the quick compiler alone (C1, as {@code bin/sentinel}
 * runs inputs under 128 MB) and on doubles under the optimising one (C2). A default forest (100
 * trees of 256 samples, depth 8) fitted on 10 gaussian columns (seeded), walked by 20,000 rows.
 * The walk in C needs its library named (forks inherit the option):
 *
 * <pre>
 * bin/build -q -Pbench -pl bench,cli -am package -DskipTests
 * java -Dsentinel.forest.native=cli/target/libsentinel-forest.so -jar bench/target/benchmarks.jar ForestWalkBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForestWalkBenchmark {
    private static final int ROWS = 20_000;
    private static final int COLS = 10;

    private CompleteForest forest;
    private double[] x;
    private double[] out;

    @Setup
    public void setUp() {
        Random rnd = new Random(7);
        int fitRows = 50_000;
        double[] fit = new double[fitRows * COLS];
        for (int i = 0; i < fit.length; i++) {
            fit[i] = rnd.nextGaussian();
        }
        forest = (CompleteForest) new IsolationForestTrainer(IsolationForestParams.DEFAULTS, 42)
                .fit(new Matrix(fitRows, COLS, fit), null, 1).forest();
        x = new double[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            double scale = r % 997 == 0 ? 6 : 1;   // a few outliers
            for (int c = 0; c < COLS; c++) {
                x[r * COLS + c] = scale * rnd.nextGaussian();
            }
        }
        out = new double[ROWS];
        if (!NativeForestWalk.available()) {
            System.err.println("walk in C: not loaded (set -D" + NativeForestWalk.PROPERTY + "=path/to/libsentinel-forest.so)");
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    @Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1"})
    public double inC() {
        forest.nativePathSums(x, COLS, 0, ROWS, out);
        return out[ROWS - 1];
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    @Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1"})
    public double javaKeysC1() {
        forest.keyPathSums(x, COLS, 0, ROWS, out);
        return out[ROWS - 1];
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    @Fork(value = 1, jvmArgsAppend = {"-D" + JitTier.PROPERTY + "=false"})
    public double javaDoublesC2() {
        forest.javaPathSums(x, COLS, 0, ROWS, out);
        return out[ROWS - 1];
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double javaKeysC2() {
        forest.keyPathSums(x, COLS, 0, ROWS, out);
        return out[ROWS - 1];
    }
}
