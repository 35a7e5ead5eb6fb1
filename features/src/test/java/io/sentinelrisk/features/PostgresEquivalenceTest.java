package io.sentinelrisk.features;

import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Builds;
import io.sentinelrisk.features.testing.Compare;
import io.sentinelrisk.features.testing.Csv;
import io.sentinelrisk.features.testing.EventLogs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same spec on embedded DuckDB and on the real PostgreSQL server ($SENTINEL_PG_URL, default
 * 127.0.0.1:5432/test as postgres) gives the same features: every kind of feature, random logs.
 */
@Tag("integration")
class PostgresEquivalenceTest {
    private static final FeatureSpec SPEC = SpecReader.read(EventLogs.ALL_KINDS_SPEC, "all-kinds.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103})
    void duckDbAndPostgresGiveEqualFeatures(long seed) {
        Path in = EventLogs.write(dir.resolve("e.csv"), EventLogs.generate(seed, 350, 1 + (int) (seed % 4)));
        Csv duck = Builds.duckdb(SPEC, in, dir.resolve("d.csv"));
        Csv pg = Builds.postgres(SPEC, in, dir.resolve("p.csv"));
        Compare.assertSame(duck, pg, SPEC.outputNames(), "seed " + seed + " duckdb vs postgresql");
    }

    @Test
    void buildsLeaveNoTablesBehind() throws Exception {
        Path in = EventLogs.write(dir.resolve("e.csv"), EventLogs.generate(7, 50, 2));
        Builds.postgres(SPEC, in, dir.resolve("p.csv"));
        try (Connection c = DbTarget.parse(DbTarget.testPostgresUrl()).connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'fs\\_%'")) {
            r.next();
            assertThat(r.getLong(1)).isZero();
        }
    }
}
