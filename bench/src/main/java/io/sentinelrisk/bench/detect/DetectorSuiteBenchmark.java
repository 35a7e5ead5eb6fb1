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
import java.util.concurrent.TimeUnit;

/**
 * Fit and score time of every detector, with the settings of {@link SpeedRunner} (the
 * side-by-side runs), on Gaussian rows where 2% are shifted outliers (the labels of the
 * supervised detectors). Scoring is of 10,000 new rows.
 *
 * <pre>
 * bin/build -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar DetectorSuiteBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "--enable-native-access=ALL-UNNAMED"})
public class DetectorSuiteBenchmark {
    @Param({"20000"})
    public int rows;
    @Param({"10"})
    public int features;
    @Param({"iforest", "ocsvm", "lof", "knn", "hbos", "ecod", "autoencoder", "random_forest", "xgboost", "ensemble"})
    public String type;
    @Param({"2"})
    public int threads;

    private DetectorFactory factory;
    private Params params;
    private Matrix train;
    private int[] labels;
    private Matrix fresh;
    private FittedDetector fitted;
    private double[] out;

    @Setup
    public void setup() {
        factory = Detectors.byType(type);
        params = Params.parse(SpeedRunner.SETTINGS.getOrDefault(type, Map.of()), factory.params(), "bench");
        train = NeighborDetectorsBenchmark.gaussian(rows, features, 1);
        labels = new int[rows];
        double[] x = train.data();
        for (int i = 0; i < rows; i += 50) {
            labels[i] = 1;
            for (int j = 0; j < features; j++) {
                x[i * features + j] += 4;
            }
        }
        fresh = NeighborDetectorsBenchmark.gaussian(10_000, features, 2);
        fitted = fit();
        out = new double[fresh.rows()];
    }

    @Benchmark
    public FittedDetector fit() {
        return factory.trainer(params, 1).fit(train, labels, threads);
    }

    @Benchmark
    public double[] score10k() {
        fitted.score(fresh, out, threads);
        return out;
    }
}
