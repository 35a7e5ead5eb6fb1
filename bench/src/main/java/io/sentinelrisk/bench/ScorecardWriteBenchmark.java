package io.sentinelrisk.bench;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.export.ScorecardExport;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scorecard CSV writing speed: {@value #ROWS} rows of 10 numeric columns plus score, risk,
 * severity and is_anomaly, into a stream that only counts bytes (no disk). {@code data}: "ints"
 * are whole numbers like cover's, "decimals" six significant digits like a generated file.
 * {@code writer}: "bytes" is {@link ScorecardExport.Rows}; "formatter" is the way it was written
 * before (a BufferedWriter, each cell through Column.text, risk through String.format), kept
 * here as the baseline. The "bytes" counter is the output rate in bytes/s.
 *
 * <pre>
 * bin/build -Pbench -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar ScorecardWriteBenchmark
 * java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.ScorecardWriteBenchmark   # MB per CPU second
 * </pre>
 * The second form times the same writes by the thread's CPU time as well as by the clock: on a
 * machine shared with other jobs the clock measures the load, the CPU time the writer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ScorecardWriteBenchmark {
    static final int ROWS = 200_000;
    static final int COLS = 10;

    @Param({"ints", "decimals"})
    public String data;

    @Param({"bytes", "formatter"})
    public String writer;

    private Frame frame;
    private ScoredBatch scores;

    /** Bytes written, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Written {
        public long bytes;
    }

    /** An output stream that counts what it is given. */
    static final class Counting extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }

    @Setup(Level.Trial)
    public void make() {
        SplittableRandom rnd = new SplittableRandom(1);
        List<Field> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < COLS; c++) {
            double[] v = new double[ROWS];
            for (int r = 0; r < ROWS; r++) {
                v[r] = data.equals("ints") ? rnd.nextInt(0, 7000)
                        : Double.parseDouble(String.format(Locale.ROOT, "%.6g", rnd.nextGaussian()));
            }
            fields.add(new Field("x" + c, ColumnType.NUMERIC, ColumnRole.FEATURE));
            columns.add(new Column.Numeric("x" + c, v));
        }
        frame = new Frame(new Schema(fields), columns);
        double[] score = new double[ROWS];
        double[] risk = new double[ROWS];
        Severity[] severity = new Severity[ROWS];
        boolean[] anomaly = new boolean[ROWS];
        for (int r = 0; r < ROWS; r++) {
            score[r] = 0.3 + rnd.nextDouble() * 0.4;
            risk[r] = rnd.nextDouble() * 100;
            severity[r] = Severity.values()[rnd.nextInt(4)];
            anomaly[r] = rnd.nextInt(100) == 0;
        }
        scores = new ScoredBatch(score, risk, severity, anomaly);
    }

    @Benchmark
    public long write(Written written) throws IOException {
        Counting out = new Counting();
        if (writer.equals("bytes")) {
            ScorecardExport.Rows rows = new ScorecardExport.Rows(out, frame, false, ',');
            rows.header(frame);
            rows.write(frame, scores, 0, ROWS);
            rows.flush();
        } else {
            formatter(out);
        }
        written.bytes += out.n;
        return out.n;
    }

    /** Warms each variant up, then times 10 writes: MB (10^6 bytes) per CPU second and per second. */
    public static void main(String[] args) throws IOException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("| data | writer | MB per CPU s | MB per s (clock) | bytes per row |");
        System.out.println("|---|---|--:|--:|--:|");
        for (String data : new String[] {"ints", "decimals"}) {
            for (String writer : new String[] {"bytes", "formatter"}) {
                ScorecardWriteBenchmark b = new ScorecardWriteBenchmark();
                b.data = data;
                b.writer = writer;
                b.make();
                Written w = new Written();
                for (int i = 0; i < 10; i++) {
                    b.write(w);
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long bytes = 0;
                for (int i = 0; i < 10; i++) {
                    bytes += b.write(w);
                }
                double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double wall = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f |%n", data, writer, bytes / 1e6 / cpu,
                        bytes / 1e6 / wall, bytes / 10.0 / ROWS);
            }
        }
    }

    /** The scorecard as it was written before the byte writer. */
    private void formatter(OutputStream os) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
        w.write(String.join(",", frame.schema().names()) + ",score,risk,severity,is_anomaly\n");
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                if (c > 0) {
                    w.write(',');
                }
                w.write(frame.text(c, r));
            }
            w.write(',');
            w.write(Double.toString(scores.score()[r]));
            w.write(',');
            w.write(String.format(Locale.ROOT, "%.2f", scores.risk()[r]));
            w.write(',');
            w.write(scores.severity()[r].id());
            w.write(',');
            w.write(Boolean.toString(scores.isAnomaly()[r]));
            w.write('\n');
        }
        w.flush();
    }
}
