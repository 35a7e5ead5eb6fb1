package io.sentinelrisk.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.io.CsvBlockReader;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvTable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Reading a numeric CSV into columns of doubles on one core: SentinelRisk's block reader, FastCSV
 * (a field as a String, then {@code Double.parseDouble}, as any reader that hands out text must),
 * and DuckDB's {@code read_csv} with one thread (summing each column, so every field is parsed).
 * The file: {@value #ROWS} rows of 10 gaussian columns rounded to 6 decimals (about 94 MB, the
 * shape of the 1M × 10 end-to-end benchmark file). Score: seconds per read of the file; MB/s =
 * file size / score (the size is printed at setup).
 *
 * <pre>
 * bin/build -pl bench -am package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -jar bench/target/benchmarks.jar NumericCsvReadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 7)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class NumericCsvReadBenchmark {
    static final int ROWS = 1_000_000;
    static final int COLS = 10;

    @Param({"sentinel", "fastcsv", "duckdb"})
    public String reader;

    private Path dir;
    private Path file;
    private Connection duck;

    @Setup(Level.Trial)
    public void writeFile() throws Exception {
        dir = Files.createTempDirectory("csv-numeric-bench");
        file = dir.resolve("numeric.csv");
        Random rnd = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < COLS; c++) {
                w.write((c == 0 ? "x" : ",x") + c);
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < ROWS; r++) {
                sb.setLength(0);
                for (int c = 0; c < COLS; c++) {
                    sb.append(c == 0 ? "" : ",").append(Math.round(rnd.nextGaussian() * 1e6) / 1e6);
                }
                w.append(sb).append('\n');
            }
        }
        System.out.printf("%n# file: %,d bytes%n", Files.size(file));
        if (reader.equals("duckdb")) {
            Class.forName("org.duckdb.DuckDBDriver");
            Properties p = new Properties();
            p.setProperty("threads", "1");
            p.setProperty("autoinstall_known_extensions", "false");
            duck = DriverManager.getConnection("jdbc:duckdb:", p);
        }
    }

    java.nio.file.Path file() {
        return file;
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws Exception {
        if (duck != null) {
            duck.close();
        }
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public double read() throws Exception {
        return switch (reader) {
            case "sentinel" -> sentinel();
            case "fastcsv" -> fastCsv();
            case "duckdb" -> duckDb();
            default -> throw new IllegalArgumentException(reader);
        };
    }

    /** Every block's columns parsed on one thread; the sum keeps the work from being optimised away. */
    private double sentinel() {
        double sum = 0;
        try (CsvBlockReader r = CsvBlockReader.open(file, CsvOptions.DEFAULTS.withDelimiter(','), CsvBlockReader.DEFAULT_BLOCK_ROWS, 1)) {
            for (CsvTable t = r.next(); t != null; t = r.next()) {
                for (Column c : t.frame().columns()) {
                    double[] v = ((Column.Numeric) c).values();
                    sum += v[v.length - 1];
                }
            }
        }
        return sum;
    }

    private double fastCsv() throws IOException {
        double[][] cols = new double[COLS][ROWS];
        int row = 0;
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (CsvRecord rec : r) {
                if (header) {
                    header = false;
                    continue;
                }
                for (int c = 0; c < COLS; c++) {
                    cols[c][row] = Double.parseDouble(rec.getField(c));
                }
                row++;
            }
        }
        return cols[COLS - 1][row - 1];
    }

    private double duckDb() throws Exception {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < COLS; c++) {
            sql.append(c == 0 ? "" : " + ").append("sum(x").append(c).append(")");
        }
        sql.append(" FROM read_csv('").append(file.toString().replace("'", "''")).append("', header = true, columns = {");
        for (int c = 0; c < COLS; c++) {
            sql.append(c == 0 ? "" : ", ").append("'x").append(c).append("': 'DOUBLE'");
        }
        sql.append("})");
        try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
