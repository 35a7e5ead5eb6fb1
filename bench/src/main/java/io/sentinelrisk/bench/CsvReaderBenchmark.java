package io.sentinelrisk.bench;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Rows per second read by {@link CsvReader} from a generated file of {@value #ROWS} rows and 8
 * columns (an integer id, two decimals, a 17-digit double, a 40-value categorical, an ISO
 * timestamp, a boolean, a small integer; 1% of the decimals missing), plain and gzipped.
 * The score is rows/s (one operation = one row).
 *
 * <pre>
 * bin/build -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar CsvReaderBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class CsvReaderBenchmark {
    static final int ROWS = 1_000_000;

    @Param({"csv", "csv.gz"})
    public String format;

    private Path dir;
    private Path file;

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        dir = Files.createTempDirectory("csv-bench");
        file = dir.resolve("data." + format);
        var raw = Files.newOutputStream(file);
        var stream = format.endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        Random rnd = new Random(1);
        long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("id,amount,fee,score,merchant,time,online,items\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(Integer.toString(i));
                w.write(',');
                if (rnd.nextInt(100) != 0) {
                    w.write(Long.toString(rnd.nextInt(1_000_000)));
                    w.write('.');
                    w.write(Integer.toString(10 + rnd.nextInt(90)));
                }
                w.write(',');
                w.write(String.format("%.3f", rnd.nextDouble() * 10));
                w.write(',');
                w.write(Double.toString(rnd.nextGaussian()));
                w.write(",merchant_");
                w.write(Integer.toString(rnd.nextInt(40)));
                w.write(',');
                w.write(Instant.ofEpochMilli(t0 + i * 1000L).toString());
                w.write(',');
                w.write(rnd.nextBoolean() ? "true" : "false");
                w.write(',');
                w.write(Integer.toString(rnd.nextInt(20)));
                w.write('\n');
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Frame read() {
        return CsvReader.read(file, CsvOptions.DEFAULTS);
    }
}
