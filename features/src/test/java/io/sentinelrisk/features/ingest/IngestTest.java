package io.sentinelrisk.features.ingest;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.features.FeatureStore;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.DuckDbs;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.ingest.Ingestor.Options;
import io.sentinelrisk.features.ingest.Ingestor.Source;
import io.sentinelrisk.features.ingest.Ingestor.Table;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Csv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ingestion of each seed source, from small files in the source's schema, into DuckDB and PostgreSQL. */
@Tag("integration")
class IngestTest {
    @TempDir
    Path dir;

    private final List<String> pgSchemas = new ArrayList<>();

    @AfterEach
    void dropSchemas() throws Exception {
        if (pgSchemas.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(DbTarget.testPostgresUrl()); Statement s = c.createStatement()) {
            for (String schema : pgSchemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private DbTarget store() {
        return DbTarget.parse("duckdb:" + dir.resolve("store.duckdb"));
    }

    private String pgSchema() {
        String s = "t_ingest_" + Long.toHexString(System.nanoTime());
        pgSchemas.add(s);
        return s;
    }

    private static Options opts() {
        return Options.defaults();
    }

    private List<List<String>> query(String sql) throws Exception {
        try (Connection c = DuckDbs.open(dir.resolve("store.duckdb")); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return rows(r);
        }
    }

    private static List<List<String>> rows(ResultSet r) throws Exception {
        List<List<String>> out = new ArrayList<>();
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(r.getString(i));
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void creditCard() throws Exception {
        Path f = SeedFiles.creditcard(dir, 50);
        List<Table> t = Ingestor.ingest(Source.CREDITCARD, f, store(), opts());
        assertThat(t).singleElement().satisfies(tb -> {
            assertThat(tb.name()).isEqualTo("creditcard");
            assertThat(tb.rows()).isEqualTo(50);
            assertThat(tb.columns()).startsWith("id", "time", "ts", "v1").endsWith("v28", "amount", "class");
        });
        assertThat(query("SELECT any_value(typeof(ts)), any_value(typeof(v1)), any_value(typeof(class)), CAST(min(ts) AS VARCHAR), sum(class) FROM creditcard"))
                .containsExactly(List.of("TIMESTAMP", "DOUBLE", "BIGINT", "2013-09-01 00:00:00", "7"));
        assertThat(query("SELECT count(*) FROM duckdb_indexes() WHERE table_name = 'creditcard'")).containsExactly(List.of("2"));
    }

    @Test
    void creditCardBadValueNamesRowAndNothingIsWritten() throws Exception {
        Path f = SeedFiles.creditcard(dir, 10);
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(4, lines.get(4).replaceFirst(",[-0-9.]+,", ",oops,"));
        Files.write(f, lines);
        assertThatThrownBy(() -> Ingestor.ingest(Source.CREDITCARD, f, store(), opts()))
                .isInstanceOf(InputException.class).hasMessageContaining("creditcard.csv:5").hasMessageContaining("row 4")
                .hasMessageContaining("'V1'").hasMessageContaining("'oops'");
        assertThat(Files.exists(dir.resolve("store.duckdb"))).isFalse();
        Files.writeString(f, "Time,Amount\n0,1\n");
        assertThatThrownBy(() -> Ingestor.ingest(Source.CREDITCARD, f, store(), opts())).hasMessageContaining("missing columns V1");
    }

    @Test
    void certLogsThenFeaturesFromTheStore() throws Exception {
        List<Table> t = Ingestor.ingest(Source.CERT, SeedFiles.cert(dir), store(), opts());
        assertThat(t).extracting(Table::name).containsExactly("cert_logon", "cert_device", "cert_file", "cert_http", "cert_email", "cert_events");
        assertThat(t).extracting(Table::rows).containsExactly(3L, 2L, 1L, 2L, 1L, 9L);
        assertThat(query("SELECT typeof(ts), typeof(to_removable_media), to_removable_media, content FROM cert_file"))
                .containsExactly(List.of("TIMESTAMP", "BOOLEAN", "true", "confidential plan, v2"));
        assertThat(query("SELECT url FROM cert_http ORDER BY ts")).containsExactly(List.of("http://example.com/jobs"), List.of("http://wikileaks.org"));
        assertThat(query("SELECT source, activity, detail FROM cert_events WHERE \"user\" = 'LRR0148' ORDER BY ts")).containsExactly(
                java.util.Arrays.asList("logon", "Logon", null), List.of("http", "visit", "http://example.com/jobs"), List.of("http", "visit", "http://wikileaks.org"),
                List.of("email", "send", "a@dtaa.com;b@dtaa.com"), java.util.Arrays.asList("logon", "Logoff", null));

        // the stored table feeds a feature build directly
        var spec = SpecReader.read("""
                entity: user
                timestamp: ts
                columns: {source: string}
                features:
                  - {name: events_1h, type: count, window: 1h}
                  - {name: web_1h, type: count, window: 1h, where: "source = 'http'"}
                """, "cert.yaml");
        Path out = dir.resolve("cert-features.csv");
        FeatureStore.build(new FeatureStore.Build(spec, new InputRef.Table("cert_events"), out, Optional.of(store()), FeatureStore.Engine.SQL));
        Csv csv = Csv.read(out);
        assertThat(csv.rows).hasSize(9);
        int email = -1;
        for (int r = 0; r < 9; r++) {
            if (csv.get(r, "source").equals("email")) {
                email = r;
            }
        }
        assertThat(csv.num(email, "events_1h")).isEqualTo(3);
        assertThat(csv.num(email, "web_1h")).isEqualTo(2);
    }

    @Test
    void certIsAllOrNothing() throws Exception {
        Path d = SeedFiles.cert(dir);
        Files.writeString(d.resolve("email.csv"), "id,date,user,pc,to,cc,bcc,from,size,attachments,content\n{E1},13/45/2010 07:11:45,U,PC,a,,,b,1,0,x\n");
        assertThatThrownBy(() -> Ingestor.ingest(Source.CERT, d, store(), opts()))
                .isInstanceOf(InputException.class).hasMessageContaining("email.csv:2").hasMessageContaining("13/45/2010 07:11:45");
        Ingestor.ingest(Source.CREDITCARD, SeedFiles.creditcard(dir, 3), store(), opts());
        assertThat(query("SELECT table_name FROM duckdb_tables() ORDER BY 1")).containsExactly(List.of("creditcard"));
    }

    @Test
    void ieeeCisJoinsIdentityAndTimesTransactions() throws Exception {
        List<Table> t = Ingestor.ingest(Source.IEEE_CIS, SeedFiles.ieee(dir), store(), opts());
        assertThat(t).singleElement().satisfies(tb -> {
            assertThat(tb.name()).isEqualTo("ieee_transactions");
            assertThat(tb.rows()).isEqualTo(4);
            assertThat(tb.columns()).contains("TransactionID", "isFraud", "TransactionAmt", "card1", "id_01", "DeviceType", "ts", "split");
        });
        assertThat(query("SELECT TransactionID, isFraud, DeviceType, id_01, CAST(ts AS VARCHAR), split FROM ieee_transactions ORDER BY TransactionID")).containsExactly(
                java.util.Arrays.asList("2987000", "0", null, null, "2017-12-02 00:00:00", "train"),
                List.of("2987001", "0", "mobile", "0.0", "2017-12-02 00:00:01", "train"),
                java.util.Arrays.asList("2987002", "1", null, null, "2017-12-02 00:01:09", "train"),
                java.util.Arrays.asList("3663549", null, "desktop", "-45.0", "2018-07-02 00:00:24", "test"));
    }

    @Test
    void nabSeriesWithLabelWindows() throws Exception {
        List<Table> t = Ingestor.ingest(Source.NAB, SeedFiles.nab(dir), store(), opts());
        assertThat(t).extracting(Table::name).containsExactly("nab_values", "nab_windows");
        assertThat(query("SELECT series, count(*), sum(label) FROM nab_values GROUP BY series ORDER BY series")).containsExactly(
                List.of("artificialWithAnomaly/art_daily_jumpsup.csv", "2", "0"), List.of("realKnownCause/nyc_taxi.csv", "48", "3"));
        assertThat(query("SELECT CAST(min(ts) AS VARCHAR), CAST(max(ts) AS VARCHAR) FROM nab_values WHERE label = 1"))
                .containsExactly(List.of("2014-07-01 03:00:00", "2014-07-01 04:00:00"));

        // the metrics pack runs on the stored series with one mapping
        var spec = io.sentinelrisk.features.spec.Packs.load("metrics").withMapping(java.util.Map.of("timestamp", "ts"));
        Path out = dir.resolve("nab-features.csv");
        FeatureStore.build(new FeatureStore.Build(spec, new InputRef.Table("nab_values"), out, Optional.of(store()), FeatureStore.Engine.SQL));
        assertThat(Csv.read(out).rows).hasSize(50);
    }

    @Test
    void genericCsvAndJsonLines() throws Exception {
        Path csv = Files.writeString(dir.resolve("Events 2024.csv"), "who,when,amount\nu1,2024-01-01 10:00:00,5\nu2,2024-01-01T11:00:00Z,7.5\n");
        List<Table> t = Ingestor.ingest(Source.CSV, csv, store(),
                new Options(Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("when"), Optional.empty(), Optional.of("who")));
        assertThat(t).singleElement().satisfies(tb -> {
            assertThat(tb.name()).isEqualTo("events_2024");
            assertThat(tb.indexes()).containsExactly(List.of("who", "when"));
        });
        assertThat(query("SELECT any_value(typeof(\"when\")), any_value(typeof(amount)), CAST(max(\"when\") AS VARCHAR) FROM events_2024"))
                .containsExactly(List.of("TIMESTAMP", "DOUBLE", "2024-01-01 11:00:00"));
        Path jsonl = Files.writeString(dir.resolve("e.jsonl"), "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2, \"b\": \"y\"}\n");
        assertThat(Ingestor.ingest(Source.JSONL, jsonl, store(), Options.defaults())).singleElement()
                .satisfies(tb -> assertThat(tb.rows()).isEqualTo(2));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "who,when\nu1,2024-01-01\nu2,someday\n");
        assertThatThrownBy(() -> Ingestor.ingest(Source.CSV, bad, store(),
                new Options(Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("when"), Optional.empty(), Optional.empty())))
                .hasMessageContaining("bad.csv:3").hasMessageContaining("'someday'");
    }

    @Test
    void existingTablesNeedReplace() throws Exception {
        Path f = SeedFiles.creditcard(dir, 5);
        Ingestor.ingest(Source.CREDITCARD, f, store(), opts());
        assertThatThrownBy(() -> Ingestor.ingest(Source.CREDITCARD, f, store(), opts())).hasMessageContaining("already exists").hasMessageContaining("--replace");
        Ingestor.ingest(Source.CREDITCARD, SeedFiles.creditcard(dir, 8), store(),
                new Options(Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(query("SELECT count(*) FROM creditcard")).containsExactly(List.of("8"));
    }

    @Test
    void postgresTablesWithTypesAndIndexes() throws Exception {
        String schema = pgSchema();
        DbTarget pg = DbTarget.parse(DbTarget.testPostgresUrl());
        Options o = new Options(Optional.empty(), false, Optional.of(schema), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Ingestor.ingest(Source.CERT, SeedFiles.cert(dir), pg, o);
        Ingestor.ingest(Source.CREDITCARD, SeedFiles.creditcard(dir, 20), pg, o);
        Ingestor.ingest(Source.IEEE_CIS, SeedFiles.ieee(dir), pg, o);
        try (Connection c = DriverManager.getConnection(DbTarget.testPostgresUrl()); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_schema = '" + schema
                    + "' AND table_name = 'cert_events' AND column_name = 'ts'")) {
                assertThat(rows(r)).containsExactly(List.of("timestamp without time zone"));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*), sum(class) FROM " + schema + ".creditcard")) {
                assertThat(rows(r)).containsExactly(List.of("20", "3"));
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "'")) {
                assertThat(rows(r)).containsExactly(List.of("15"));
            }
            try (ResultSet r = s.executeQuery("SELECT \"DeviceType\" FROM " + schema + ".ieee_transactions WHERE \"TransactionID\" = 3663549")) {
                assertThat(rows(r)).containsExactly(List.of("desktop"));
            }
        }
        // and a feature build can read a stored PostgreSQL table and compute there
        var spec = SpecReader.read("""
                entity: user
                timestamp: ts
                features:
                  - {name: events_1h, type: count, window: 1h}
                """, "pg.yaml");
        Path out = dir.resolve("pg-features.csv");
        FeatureStore.build(new FeatureStore.Build(spec, new InputRef.Table(schema + ".cert_events"), out, Optional.of(pg), FeatureStore.Engine.SQL));
        assertThat(Csv.read(out).rows).hasSize(9);
    }
}
