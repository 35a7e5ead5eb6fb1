package io.sentinelrisk.features;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Builds;
import io.sentinelrisk.features.testing.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input gives one clear message and leaves no output behind. */
class InputErrorsTest {
    private static final FeatureSpec SPEC = SpecReader.read("""
            entity: user
            timestamp: ts
            columns: {amount: numeric, ok: boolean}
            features:
              - {name: n_1h, type: count, window: 1h}
              - {name: amount_sum_1h, type: sum, of: amount, window: 1h, where: ok}
            """, "f.yaml");

    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("events.csv"), text);
    }

    private InputException buildError(FeatureSpec spec, Path in) {
        Path out = dir.resolve("out.csv");
        try {
            Builds.duckdb(spec, in, out);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    @Test
    void unknownColumnNamesTheColumnAndListsTheInputs() throws Exception {
        Path in = csv("user,time,amount,ok\nu,2024-01-01T00:00:00Z,1,true\n");
        InputException e = buildError(SPEC, in);
        assertThat(e.getMessage()).startsWith("f.yaml:2:").contains("column 'ts'", "is not in", "events.csv", "user, time, amount, ok", "--map ts=");
        assertThat(e.exitCode()).isEqualTo(2);
        FeatureSpec mapped = SPEC.withMapping(java.util.Map.of("ts", "time"));
        Csv out = Builds.duckdb(mapped, in, dir.resolve("ok.csv"));
        assertThat(out.header).containsExactly("user", "time", "amount", "ok", "n_1h", "amount_sum_1h");
    }

    @Test
    void timestampThatDoesNotParseNamesRowAndValue() throws Exception {
        Path in = csv("""
                user,ts,amount,ok
                u,2024-01-01T00:00:00Z,1,true
                u,2024-01-01T00:10:00Z,1,true
                u,2024-13-45 25:00,1,true
                u,yesterday,1,true
                """);
        InputException e = buildError(SPEC, in);
        assertThat(e.getMessage()).startsWith(in + ":4:").contains("row 3", "column 'ts'", "'2024-13-45 25:00'", "timestamp");
        assertThat(e.location().line()).isEqualTo(4);
    }

    @Test
    void emptyTimestampBadNumberAndBadBoolean() throws Exception {
        assertThat(buildError(SPEC, csv("user,ts,amount,ok\nu,,1,true\n")).getMessage()).contains(":2:", "row 1", "event time is empty");
        assertThat(buildError(SPEC, csv("user,ts,amount,ok\nu,2024-01-01,1,true\nu,2024-01-01,12abc,true\n")).getMessage())
                .contains(":3:", "row 2", "column 'amount'", "'12abc'", "a number");
        assertThat(buildError(SPEC, csv("user,ts,amount,ok\nu,2024-01-01,1,maybe\n")).getMessage())
                .contains("column 'ok'", "'maybe'", "true/false");
    }

    @Test
    void otherTimestampFormats() throws Exception {
        FeatureSpec cert = SpecReader.read("""
                entity: user
                timestamp: date
                timestamp_format: "%m/%d/%Y %H:%M:%S"
                features:
                  - {name: n_1h, type: count, window: 1h}
                  - {name: since, type: time_since_previous}
                """, "cert.yaml");
        Path in = Files.writeString(dir.resolve("logon.csv"), """
                id,date,user,pc,activity
                {X1},01/02/2010 06:55:16,LRR0148,PC-4275,Logon
                {X2},01/02/2010 07:40:16,LRR0148,PC-4275,Logoff
                """);
        Csv out = Builds.duckdb(cert, in, dir.resolve("o.csv"));
        assertThat(out.num(1, "n_1h")).isEqualTo(1);
        assertThat(out.num(1, "since")).isEqualTo(2700);
        assertThat(Builds.stream(cert, in, dir.resolve("s.csv")).num(1, "since")).isEqualTo(2700);

        FeatureSpec epoch = SpecReader.read("""
                entity: []
                timestamp: Time
                timestamp_format: epoch_s
                features:
                  - {name: since, type: time_since_previous}
                """, "cc.yaml");
        Path cc = Files.writeString(dir.resolve("cc.csv"), "Time,V1,Amount,Class\n0,1.5,10,0\n0.5,1.2,20,0\n2.25,1.1,5,1\n");
        Csv o2 = Builds.duckdb(epoch, cc, dir.resolve("o2.csv"));
        assertThat(o2.num(1, "since")).isEqualTo(0.5);
        assertThat(o2.num(2, "since")).isEqualTo(1.75);
    }

    @Test
    void unreachableDatabaseIsNamedWithoutItsPassword() throws Exception {
        Path in = csv("user,ts,amount,ok\nu,2024-01-01,1,true\n");
        Path out = Files.writeString(dir.resolve("out.csv"), "previous content\n");
        DbTarget db = DbTarget.parse("postgresql://postgres:s3cret@127.0.0.1:1/test");
        assertThatThrownBy(() -> FeatureStore.build(new FeatureStore.Build(SPEC, new InputRef.File(in), out, Optional.of(db),
                FeatureStore.Engine.SQL)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/test")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThat(Files.readString(out)).isEqualTo("previous content\n");
        assertThat(DbTarget.parse("jdbc:postgresql://h:5432/db?user=u&password=pw&ssl=true").display()).doesNotContain("pw").contains("ssl=true");
        assertThat(DbTarget.parse("postgresql://u:p%40ss@h/db").display()).isEqualTo("postgresql://u@h/db");
    }

    @Test
    void nothingIsHalfWritten() throws Exception {
        Path out = Files.writeString(dir.resolve("out.csv"), "previous content\n");
        Path in = csv("user,ts,amount,ok\nu,2024-01-01,1,true\nu,not a time,1,true\n");
        assertThatThrownBy(() -> Builds.duckdb(SPEC, in, out)).isInstanceOf(InputException.class);
        assertThat(Files.readString(out)).isEqualTo("previous content\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out.csv", "events.csv");
        }
    }

    @Test
    void missingInputsAndBadOutputs() throws Exception {
        assertThatThrownBy(() -> Builds.duckdb(SPEC, dir.resolve("nope.csv"), dir.resolve("o.csv")))
                .isInstanceOf(InputException.class).hasMessageContaining("nope.csv").hasMessageContaining("not found");
        Path in = csv("user,ts,amount,ok\nu,2024-01-01,1,true\n");
        assertThatThrownBy(() -> Builds.duckdb(SPEC, in, dir.resolve("o.xlsx"))).hasMessageContaining(".csv or .parquet");
        Path clash = csv("user,ts,amount,ok,n_1h\nu,2024-01-01,1,true,5\n");
        assertThatThrownBy(() -> Builds.duckdb(SPEC, clash, dir.resolve("o.csv"))).hasMessageContaining("feature 'n_1h' has the same name");
        assertThatThrownBy(() -> DbTarget.parse("mysql://x")).isInstanceOf(InputException.class).hasMessageContaining("postgresql://");
    }

    @Test
    void readsCsvGzParquetAndJsonLinesAndWritesParquet() throws Exception {
        Path in = csv("user,ts,amount,ok\nu,2024-01-01T00:00:00Z,1,true\nu,2024-01-01T00:30:00Z,2,true\nv,2024-01-01T00:40:00Z,3,false\n");
        Csv base = Builds.duckdb(SPEC, in, dir.resolve("base.csv"));
        FeatureStore.build(new FeatureStore.Build(SPEC, new InputRef.File(in), dir.resolve("f.parquet"), Optional.empty(), FeatureStore.Engine.SQL));
        // the Parquet output read back as input gives the same features
        FeatureSpec again = SpecReader.read("""
                entity: user
                timestamp: ts
                columns: {amount: numeric, ok: boolean}
                features:
                  - {name: n_1h_again, type: count, window: 1h}
                """, "g.yaml");
        Csv fromParquet = Builds.duckdb(again, dir.resolve("f.parquet"), dir.resolve("p.csv"));
        for (int r = 0; r < 3; r++) {
            assertThat(fromParquet.num(r, "n_1h_again")).isEqualTo(base.num(r, "n_1h"));
            assertThat(fromParquet.num(r, "n_1h")).isEqualTo(base.num(r, "n_1h"));
        }
        Path gz = dir.resolve("events.csv.gz");
        try (var os = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            os.write(Files.readAllBytes(in));
        }
        assertThat(Builds.duckdb(SPEC, gz, dir.resolve("gz.csv")).rows).isEqualTo(base.rows);
        Path jsonl = Files.writeString(dir.resolve("events.jsonl"), """
                {"user": "u", "ts": "2024-01-01T00:00:00Z", "amount": 1, "ok": true}
                {"user": "u", "ts": "2024-01-01T00:30:00Z", "amount": 2, "ok": true}
                {"user": "v", "ts": "2024-01-01T00:40:00Z", "amount": 3, "ok": false}
                """);
        Csv fromJson = Builds.duckdb(SPEC, jsonl, dir.resolve("j.csv"));
        for (int r = 0; r < 3; r++) {
            assertThat(fromJson.num(r, "amount_sum_1h")).isEqualTo(base.num(r, "amount_sum_1h"));
        }
    }

    @Test
    void emptyInputsAndBlankFields() throws Exception {
        Csv empty = Builds.duckdb(SPEC, csv("user,ts,amount,ok\n"), dir.resolve("empty.csv"));
        assertThat(empty.header).containsExactly("user", "ts", "amount", "ok", "n_1h", "amount_sum_1h");
        assertThat(empty.rows).isEmpty();
        // a field of spaces is a missing value, in the batch engine as in the streaming one
        Path in = csv("user,ts,amount,ok\nu,2024-01-01T00:00:00Z,  ,true\nu,2024-01-01T00:10:00Z,4, \n");
        Csv batch = Builds.duckdb(SPEC, in, dir.resolve("b.csv"));
        Csv stream = Builds.stream(SPEC, in, dir.resolve("s.csv"));
        assertThat(batch.num(1, "n_1h")).isEqualTo(1);
        assertThat(batch.num(1, "amount_sum_1h")).isEqualTo(0);
        io.sentinelrisk.features.testing.Compare.assertSame(batch, stream, SPEC.outputNames(), "blank fields");
        assertThatThrownBy(() -> SpecReader.read("entity: u\ntimestamp: t\nfeatures:\n  - {name: _row, type: count, window: 1h}\n", "u.yaml"))
                .hasMessageContaining("starts with _");
    }

    @Test
    void runtimeFailuresAreNotInputErrors() {
        assertThat(new SentinelException("x").exitCode()).isEqualTo(1);
    }
}
