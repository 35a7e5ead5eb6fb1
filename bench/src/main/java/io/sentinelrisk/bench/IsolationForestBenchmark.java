package io.sentinelrisk.bench;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.iforest.IsolationForest;
import io.sentinelrisk.core.detect.iforest.IsolationForestTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fit and score time of our isolation forest (100 trees, max_samples auto). By default on
 * synthetic Gaussian data with planted outliers (50,000 × 10, like the peers' reference figure);
 * {@code -p csv=/work/shared/datasets/cover.csv.gz} measures a labelled CSV instead.
 *
 * <pre>
 *   bin/build -pl bench -am package -DskipTests
 *   java -jar bench/target/benchmarks.jar IsolationForestBenchmark -p threads=1,2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IsolationForestBenchmark {
    /** A labelled CSV (header, numeric columns, {@code label}); empty = synthetic data. */
    @Param({""})
    public String csv;

    @Param({"50000"})
    public int rows;

    @Param({"10"})
    public int cols;

    @Param({"1", "2"})
    public int threads;

    private Matrix x;
    private IsolationForestTrainer trainer;
    private IsolationForest model;
    private double[] out;

    @Setup
    public void setUp() {
        x = csv.isEmpty() ? synthetic(rows, cols, 42) : LabeledCsv.load(Path.of(csv), "label").x();
        trainer = IsolationForestTrainer.withDefaults(42);
        model = trainer.fit(x, null, threads);
        out = new double[x.rows()];
    }

    @Benchmark
    public IsolationForest fit() {
        return trainer.fit(x, null, threads);
    }

    @Benchmark
    public double[] score() {
        model.score(x, out, threads);
        return out;
    }

    /** Standard normal rows, 1% of them pushed to a radius of 6-9. */
    static Matrix synthetic(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] data = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int j = 0; j < cols; j++) {
                double g = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
                data[r * cols + j] = g;
                norm += g * g;
            }
            if (r % 100 == 99) {
                double scale = (6 + 3 * rnd.nextDouble()) / Math.sqrt(norm);
                for (int j = 0; j < cols; j++) {
                    data[r * cols + j] *= scale;
                }
            }
        }
        return new Matrix(rows, cols, data);
    }
}
