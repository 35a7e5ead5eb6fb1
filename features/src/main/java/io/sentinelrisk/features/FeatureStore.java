package io.sentinelrisk.features;

import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.features.engine.DuckDbs;
import io.sentinelrisk.features.engine.InputLoader;
import io.sentinelrisk.features.engine.InputRef;
import io.sentinelrisk.features.engine.OutputWriter;
import io.sentinelrisk.features.engine.SqlEngine;
import io.sentinelrisk.features.engine.StreamRunner;
import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.SpecReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The feature store's entry points: build features from a spec over a file or a stored table, in
 * batch SQL (embedded DuckDB by default, or PostgreSQL) or with the streaming engine, into a file
 * ({@code sentinel features build}). Models trained with features compute them differently: from
 * the bundle's feature plan, event by event ({@code io.sentinelrisk.features.scoring.FeatureStage}).
 */
public final class FeatureStore {

    /** Which engine computes the features. */
    public enum Engine {
        /** SQL window functions on DuckDB (default) or on the PostgreSQL given by --db. */
        SQL,
        /** The incremental streaming engine, fed the input in time order. */
        STREAM
    }

    /**
     * A build request.
     *
     * @param db where stored tables live and where SQL runs; empty = embedded DuckDB in memory.
     *           A DuckDB file only serves {@link InputRef.Table} inputs (computing is in memory).
     */
    public record Build(FeatureSpec spec, InputRef input, Path output, Optional<DbTarget> db, Engine engine) {
    }

    /** What a build did, with timings in milliseconds. */
    public record BuildReport(long rows, List<String> features, String engine, long loadMillis, long computeMillis,
                              long writeMillis) {
        public long totalMillis() {
            return loadMillis + computeMillis + writeMillis;
        }
    }

    private FeatureStore() {
    }

    /** Loads a spec file, or a shipped pack when {@code ref} is {@code pack:NAME}. */
    public static FeatureSpec loadSpec(String ref, Map<String, String> mapping) {
        FeatureSpec spec = SpecReader.load(ref);
        return mapping.isEmpty() ? spec : spec.withMapping(mapping);
    }

    /** Compiles a spec (checks names and types); throws InputException on a mistake. */
    public static FeaturePlan plan(FeatureSpec spec) {
        return Planner.plan(spec);
    }

    public static BuildReport build(Build b) {
        FeaturePlan plan = Planner.plan(b.spec());
        OutputWriter.Format format = OutputWriter.Format.of(b.output());
        DbTarget store = b.db().orElse(DbTarget.memory());
        if (store instanceof DbTarget.Postgres pg) {
            // fail fast, before reading a large input, when the server cannot be reached
            try (Connection c = pg.connect()) {
                c.isValid(5);
            } catch (SQLException e) {
                throw new SentinelException("PostgreSQL at " + pg.display() + ": " + e.getMessage(), e);
            }
        }
        Path tmp = createTemp();
        try (Connection duck = DuckDbs.open(null)) {
            long t0 = System.nanoTime();
            InputLoader.Raw raw = InputLoader.readRaw(duck, b.input(), store, tmp);
            InputLoader.buildEvents(duck, raw, plan);
            long t1 = System.nanoTime();
            String engine;
            if (b.engine() == Engine.STREAM) {
                StreamRunner.run(duck, plan, tmp);
                engine = "stream";
            } else if (store instanceof DbTarget.Postgres pg) {
                SqlEngine.runPostgres(duck, pg, plan, tmp);
                engine = "postgresql";
            } else {
                SqlEngine.runDuckDb(duck, plan);
                engine = "duckdb";
            }
            long t2 = System.nanoTime();
            OutputWriter.write(duck, raw, plan, b.output(), format);
            long t3 = System.nanoTime();
            return new BuildReport(raw.rows(), b.spec().outputNames(), engine, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000);
        } catch (SQLException e) {
            throw new SentinelException("DuckDB failed: " + e.getMessage(), e);
        } finally {
            deleteTree(tmp);
        }
    }

    private static Path createTemp() {
        try {
            return Files.createTempDirectory("sentinel-features-");
        } catch (IOException e) {
            throw new SentinelException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp file left behind is not worth failing the build
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
