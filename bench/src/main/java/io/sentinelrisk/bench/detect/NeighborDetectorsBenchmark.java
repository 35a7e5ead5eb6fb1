package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.detect.FittedDetector;
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

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fit time of the exact neighbour detectors (which includes every training row's leave-one-out
 * neighbourhood, i.e. the training scores) and scoring time of 10,000 new rows, on Gaussian data.
 *
 * <pre>
 * bin/build -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar NeighborDetectorsBenchmark -p rows=100000 -p features=10
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class NeighborDetectorsBenchmark {
    @Param({"100000"})
    public int rows;
    @Param({"10"})
    public int features;
    @Param({"lof", "knn"})
    public String type;
    @Param({"2"})
    public int threads;

    private Matrix train;
    private Matrix fresh;
    private FittedDetector fitted;
    private double[] out;

    static Matrix gaussian(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            double u = rnd.nextDouble();
            double v = rnd.nextDouble();
            x[i] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
        }
        return new Matrix(n, d, x);
    }

    private FittedDetector fitOnce() {
        DetectorFactory f = Detectors.byType(type);
        Params p = Params.parse(Map.of("n_neighbors", 20), f.params(), "bench");
        return f.trainer(p, 1).fit(train, null, threads);
    }

    @Setup
    public void setup() {
        train = gaussian(rows, features, 1);
        fresh = gaussian(10_000, features, 2);
        fitted = fitOnce();
        out = new double[fresh.rows()];
    }

    @Benchmark
    public FittedDetector fit() {
        return fitOnce();
    }

    @Benchmark
    public double[] score10k() {
        fitted.score(fresh, out, threads);
        return out;
    }
}
