package io.sentinelrisk.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How {@code sentinel serve} runs. Defaults are the documented ones ({@link #defaults}).
 *
 * @param model          bundle to register and promote at start, or null to use the store's champion
 * @param db             {@code postgresql://…} or null for the embedded store under {@code dataDir}
 * @param dbSchema       PostgreSQL schema (created when missing), or null for the default one
 * @param dataDir        directory of the embedded store and of staged uploads
 * @param bind           address to listen on
 * @param port           port to listen on (0 = any free port)
 * @param maxBodyBytes   largest JSON request body (413 past it)
 * @param maxBundleBytes largest bundle upload
 * @param batchLimit     most records in one score or events request
 * @param rateLimit      requests a second per key (0 = no limit)
 * @param corsOrigins    origins allowed by CORS; empty = no CORS headers at all
 * @param entityField    event field naming the entity, or null to take the bundle's
 * @param timeField      event field holding the event time, or null to take the bundle's
 * @param deliveries     alert delivery routes file (docs/delivery.md), or null to deliver nothing
 * @param sourceModels   bundles to register and promote at start for a source each ({@code --model NAME=FILE}), by source
 * @param pruning        how expired entity feature states are deleted from the store
 */
public record ServerOptions(Path model, String db, String dbSchema, Path dataDir, String bind, int port,
                            long maxBodyBytes, long maxBundleBytes, int batchLimit, double rateLimit,
                            List<String> corsOrigins, String entityField, String timeField, Path deliveries,
                            Map<String, Path> sourceModels, StatePruning pruning) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_BATCH_LIMIT = 10_000;
    public static final double DEFAULT_RATE_LIMIT = 2_000;

    /**
     * Pruning of the entity_state table ({@code EntityStatePruner}).
     *
     * @param latenessMs      how far behind a source's newest event an event may still come and
     *                        find its entity's state (--entity-state-lateness)
     * @param intervalSeconds seconds between pruning runs; 0 = never (--entity-state-prune-every)
     */
    public record StatePruning(long latenessMs, long intervalSeconds) {
        public static final StatePruning DEFAULT = new StatePruning(24L * 3600 * 1000, 60);

        public StatePruning {
            if (latenessMs < 0 || intervalSeconds < 0) {
                throw new IllegalArgumentException("entity state lateness and prune interval must be ≥ 0");
            }
        }
    }

    public ServerOptions {
        corsOrigins = List.copyOf(corsOrigins);
        sourceModels = Map.copyOf(sourceModels);
        pruning = pruning == null ? StatePruning.DEFAULT : pruning;
    }

    /** The options with the default entity state pruning. */
    public ServerOptions(Path model, String db, String dbSchema, Path dataDir, String bind, int port,
                         long maxBodyBytes, long maxBundleBytes, int batchLimit, double rateLimit,
                         List<String> corsOrigins, String entityField, String timeField, Path deliveries,
                         Map<String, Path> sourceModels) {
        this(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit, corsOrigins,
                entityField, timeField, deliveries, sourceModels, StatePruning.DEFAULT);
    }

    /** The options before per-source models (no {@code --model NAME=FILE}). */
    public ServerOptions(Path model, String db, String dbSchema, Path dataDir, String bind, int port,
                         long maxBodyBytes, long maxBundleBytes, int batchLimit, double rateLimit,
                         List<String> corsOrigins, String entityField, String timeField, Path deliveries) {
        this(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit, corsOrigins,
                entityField, timeField, deliveries, Map.of());
    }

    public static ServerOptions defaults(Path model, Path dataDir) {
        return new ServerOptions(model, null, null, dataDir, DEFAULT_BIND, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_BUNDLE_BYTES, DEFAULT_BATCH_LIMIT, DEFAULT_RATE_LIMIT, List.of(), null, null, null);
    }

    public ServerOptions withDb(String url, String schema) {
        return new ServerOptions(model, url, schema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                corsOrigins, entityField, timeField, deliveries, sourceModels, pruning);
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, p, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                corsOrigins, entityField, timeField, deliveries, sourceModels, pruning);
    }

    public ServerOptions withLimits(long body, int batch, double rate) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, port, body, maxBundleBytes, batch, rate,
                corsOrigins, entityField, timeField, deliveries, sourceModels, pruning);
    }

    public ServerOptions withCors(List<String> origins) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                origins, entityField, timeField, deliveries, sourceModels, pruning);
    }

    public ServerOptions withFields(String entity, String time) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                corsOrigins, entity, time, deliveries, sourceModels, pruning);
    }

    public ServerOptions withDeliveries(Path routes) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                corsOrigins, entityField, timeField, routes, sourceModels, pruning);
    }

    /** With a model per source ({@code --model NAME=FILE}), registered and promoted for its source at start. */
    public ServerOptions withSourceModels(Map<String, Path> models) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                corsOrigins, entityField, timeField, deliveries, models, pruning);
    }

    /** With another pruning of expired entity states. */
    public ServerOptions withPruning(StatePruning p) {
        return new ServerOptions(model, db, dbSchema, dataDir, bind, port, maxBodyBytes, maxBundleBytes, batchLimit, rateLimit,
                corsOrigins, entityField, timeField, deliveries, sourceModels, p);
    }
}
