package io.sentinelrisk.cli.features;

import io.sentinelrisk.cli.synth.GenerateCommand;
import io.sentinelrisk.core.error.SentinelException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The features and ingest commands, on data from the synth generators and on small seed files. */
@Tag("slow")
class FeaturesCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** Runs a command the way the sentinel command does: a SentinelException becomes its exit code and one line. */
    static Run run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof SentinelException se) {
                c.getErr().println("error: " + se.getMessage());
                return se.exitCode();
            }
            throw ex;
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> header(Path csv) throws Exception {
        return Arrays.asList(Files.readAllLines(csv).get(0).split(","));
    }

    /** Each pack runs on its generator's output as is, and the two engines agree. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"soc, soc, --n-users=15, --events-per-user=60",
        "web-sessions, web-session, --sessions=400, --days=3",
        "transactions, transactions, --cards=30, --transactions-per-card=20",
        "metrics, metrics, --series=2, --points=800"})
    void packsRunOnTheGeneratedData(String generator, String pack, String a1, String a2) throws Exception {
        Path data = dir.resolve(generator + ".csv");
        Run g = run(new GenerateCommand(), generator, "--output", data.toString(), a1, a2);
        assertThat(g.exit()).as(g.err()).isZero();
        Path sql = dir.resolve("sql.csv");
        Path stream = dir.resolve("stream.parquet");
        Run r = run(new FeaturesCommand(), "build", "--pack", pack, "--input", data.toString(), "--output", sql.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("features (" + pack + ")", "on duckdb");
        assertThat(run(new FeaturesCommand(), "build", "--pack", pack, "--input", data.toString(), "--output", stream.toString(),
                "--engine", "stream").exit()).isZero();
        // read the Parquet back through a build with the same pack over it, as CSV, and compare
        List<String> h = header(sql);
        assertThat(h).containsAll(header(data));
        assertThat(Files.readAllLines(sql)).hasSize(Files.readAllLines(data).size());
        assertThat(Files.size(stream)).isPositive();
    }

    @Test
    void sqlEngineAndStreamingEngineWriteTheSameFile() throws Exception {
        Path data = dir.resolve("soc.csv");
        run(new GenerateCommand(), "soc", "--output", data.toString(), "--n-users", "10", "--events-per-user", "40");
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        run(new FeaturesCommand(), "build", "--pack", "soc", "-i", data.toString(), "-o", a.toString());
        run(new FeaturesCommand(), "build", "--pack", "soc", "-i", data.toString(), "-o", b.toString(), "--engine", "stream");
        List<String> la = Files.readAllLines(a);
        List<String> lb = Files.readAllLines(b);
        assertThat(lb).hasSameSizeAs(la);
        assertThat(lb.get(0)).isEqualTo(la.get(0));
        int features = io.sentinelrisk.features.spec.Packs.load("soc").outputNames().size();
        for (int i = 1; i < la.size(); i++) {
            String[] x = la.get(i).split(",", -1);
            String[] y = lb.get(i).split(",", -1);
            for (int c = x.length - features; c < x.length; c++) {
                if (x[c].isEmpty() || y[c].isEmpty()) {
                    assertThat(y[c]).as("line %d column %d", i + 1, c + 1).isEqualTo(x[c]);
                } else {
                    double u = Double.parseDouble(x[c]);
                    double v = Double.parseDouble(y[c]);
                    assertThat(Math.abs(u - v)).as("line %d column %d: %s vs %s", i + 1, c + 1, x[c], y[c])
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(u)));
                }
            }
        }
    }

    @Test
    void specFileMappingAndSql() throws Exception {
        Path data = Files.writeString(dir.resolve("e.csv"), "account,at,amt\na,2024-01-01 10:00:00,5\na,2024-01-01 10:30:00,7\n");
        Path spec = Files.writeString(dir.resolve("f.yaml"), """
                entity: user
                timestamp: ts
                columns: {amount: numeric}
                features:
                  - {name: amount_sum_1h, type: sum, of: amount, window: 1h}
                """);
        Path out = dir.resolve("o.csv");
        Run r = run(new FeaturesCommand(), "build", "--spec", spec.toString(), "--input", data.toString(), "--output", out.toString(),
                "--map", "user=account", "--map", "ts=at", "--map", "amount=amt");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("account,at,amt,amount_sum_1h", "a,2024-01-01 10:00:00,5,0.0",
                "a,2024-01-01 10:30:00,7,5.0");
        Run sql = run(new FeaturesCommand(), "sql", "--spec", spec.toString(), "--dialect", "postgresql");
        assertThat(sql.out()).contains("RANGE BETWEEN INTERVAL '1 hour' PRECEDING AND INTERVAL '1 millisecond' PRECEDING", "fs_out");
        assertThat(run(new FeaturesCommand(), "packs").out()).contains("soc", "web-session", "transactions", "metrics", "event_count_24h");
        assertThat(run(new FeaturesCommand(), "show", "soc").out()).contains("entity: user", "features:");
    }

    @Test
    void mistakesExitWithTwoAndOneLine() throws Exception {
        Path data = Files.writeString(dir.resolve("e.csv"), "user,ts\na,2024-01-01\na,not a time\n");
        Path out = dir.resolve("o.csv");
        Run badTime = run(new FeaturesCommand(), "build", "--pack", "metrics", "--map", "series=user", "--map", "timestamp=ts",
                "-i", data.toString(), "-o", out.toString());
        assertThat(badTime.exit()).isEqualTo(2);
        assertThat(badTime.err()).contains("column 'value'");
        Path spec = Files.writeString(dir.resolve("f.yaml"), "entity: user\ntimestamp: ts\nfeatures:\n  - {name: n, type: count, window: 3 fortnights}\n");
        Run badWindow = run(new FeaturesCommand(), "build", "--spec", spec.toString(), "-i", data.toString(), "-o", out.toString());
        assertThat(badWindow.exit()).isEqualTo(2);
        assertThat(badWindow.err()).contains("f.yaml:4:", "window '3 fortnights'");
        Path ok = Files.writeString(dir.resolve("g.yaml"), "entity: user\ntimestamp: ts\nfeatures:\n  - {name: n, type: count, window: 1h}\n");
        Run rowError = run(new FeaturesCommand(), "build", "--spec", ok.toString(), "-i", data.toString(), "-o", out.toString());
        assertThat(rowError.exit()).isEqualTo(2);
        assertThat(rowError.err()).contains("e.csv:3:", "row 2", "'not a time'");
        assertThat(run(new FeaturesCommand(), "build", "--pack", "soc", "-o", out.toString()).err()).contains("--input FILE or --table NAME");
        assertThat(run(new FeaturesCommand(), "build", "--pack", "soc", "--map", "nope=x", "-i", data.toString(), "-o", out.toString()).err())
                .contains("'nope' is not a column of the spec");
        Path good = Files.writeString(dir.resolve("good.csv"), "user,ts\na,2024-01-01\n");
        Run db = run(new FeaturesCommand(), "build", "--spec", ok.toString(), "-i", good.toString(), "-o", out.toString(),
                "--db", "postgresql://postgres:hunter2@127.0.0.1:1/test");
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.err()).contains("postgresql://postgres@127.0.0.1:1/test").doesNotContain("hunter2");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void ingestThenBuildFromTheStore() throws Exception {
        Path nab = dir.resolve("nab");
        Files.createDirectories(nab.resolve("data/realKnownCause"));
        Files.createDirectories(nab.resolve("labels"));
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 30; i++) {
            sb.append(String.format("2014-07-01 %02d:00:00,%d%n", i % 24, 100 + i)).append("");
        }
        Files.writeString(nab.resolve("data/realKnownCause/x.csv"), sb.toString().replace("2014-07-01 0", "2014-07-01 0"));
        Files.writeString(nab.resolve("labels/combined_windows.json"), "{\"realKnownCause/x.csv\": [[\"2014-07-01 05:00:00.000000\", \"2014-07-01 06:00:00.000000\"]]}");
        String store = "duckdb:" + dir.resolve("store.duckdb");
        Run in = run(new IngestCommand(), "--source", "nab", "--path", nab.toString(), "--db", store);
        assertThat(in.exit()).as(in.err()).isZero();
        assertThat(in.out()).contains("nab_values: 30 rows", "nab_windows: 1 rows", "indexes (series, ts)");
        Run again = run(new IngestCommand(), "--source", "nab", "--path", nab.toString(), "--db", store);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists", "--replace");
        Path out = dir.resolve("m.csv");
        Run b = run(new FeaturesCommand(), "build", "--pack", "metrics", "--map", "timestamp=ts", "--table", "nab_values", "--db", store,
                "--output", out.toString());
        assertThat(b.exit()).as(b.err()).isZero();
        assertThat(header(out)).startsWith("series", "ts", "value", "label").contains("value_zscore_60");
        assertThat(run(new IngestCommand(), "--source", "excel", "--path", nab.toString(), "--db", store).err()).contains("unknown source 'excel'");
    }
}
