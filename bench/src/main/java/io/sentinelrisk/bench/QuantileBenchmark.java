package io.sentinelrisk.bench;

import io.sentinelrisk.core.util.Selection;
import io.sentinelrisk.core.util.Stats;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What training pays per column for its exact statistics: the median and a robust scale
 * (1.4826 × MAD), as the explainer's baselines need them. "sort" is the way it was done before
 * (copy the finite values, sort them, read the quantiles; sort the deviations for the MAD);
 * "select" is {@link Selection} (copy as order keys, quickselect the one or two ranks; the same
 * values bit for bit). {@code data}: "gaussian" continuous values, "ints" few distinct values
 * like cover's columns.
 *
 * <pre>
 * bin/build -Pbench -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar QuantileBenchmark
 * java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.QuantileBenchmark   # CPU-timed, ms per column
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class QuantileBenchmark {
    @Param({"1000000"})
    public int rows;

    @Param({"gaussian", "ints"})
    public String data;

    private double[] values;

    @Setup
    public void setUp() {
        values = column(data, rows);
    }

    static double[] column(String kind, int n) {
        SplittableRandom random = new SplittableRandom(3);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = "ints".equals(kind) ? random.nextInt(360) : random.nextGaussian();
        }
        return v;
    }

    @Benchmark
    public double sort() {
        return sortWay(values);
    }

    @Benchmark
    public double select() {
        return selectWay(values);
    }

    static double sortWay(double[] values) {
        double[] sorted = Stats.sortedFinite(values);
        return Stats.quantileSorted(sorted, 0.5) + Stats.robustScale(sorted);
    }

    static double selectWay(double[] values) {
        Selection s = Selection.ofFinite(values);
        return s.quantile(0.5) + Stats.robustScale(s);
    }

    /** Thread-CPU-timed form: on a shared machine the clock measures the load, the CPU time the work. */
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println("| data | way | ms per column (CPU) | same value |");
        System.out.println("|---|---|--:|---|");
        for (String kind : new String[] {"gaussian", "ints"}) {
            double[] v = column(kind, n);
            double expected = sortWay(v);
            for (String way : new String[] {"sort", "select"}) {
                double sink = 0;
                for (int i = 0; i < 5; i++) {
                    sink += "sort".equals(way) ? sortWay(v) : selectWay(v);
                }
                int reps = 10;
                long cpu0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) {
                    sink += "sort".equals(way) ? sortWay(v) : selectWay(v);
                }
                double ms = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / reps;
                double got = "sort".equals(way) ? sortWay(v) : selectWay(v);
                System.out.printf(java.util.Locale.ROOT, "| %s, %,d rows | %s | %.1f | %s |%n", kind, n, way, ms,
                        Double.doubleToRawLongBits(got) == Double.doubleToRawLongBits(expected) ? "yes" : "NO");
                if (sink == 42) {
                    System.out.println();
                }
            }
        }
    }
}
