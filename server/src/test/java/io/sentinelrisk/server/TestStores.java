package io.sentinelrisk.server;

import io.sentinelrisk.features.engine.DbTarget;
import io.sentinelrisk.server.store.Database;

import java.util.Locale;
import java.util.UUID;

/** The PostgreSQL the integration tests use ($SENTINEL_PG_URL or 127.0.0.1:5432/test), one fresh schema per run. */
public final class TestStores {
    private TestStores() {
    }

    public static String postgresUrl() {
        return DbTarget.testPostgresUrl();
    }

    /** A schema name no other run uses (parallel runs do not clash). */
    public static String uniqueSchema() {
        return "srv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    public static void drop(String schema) {
        String url = postgresUrl();
        if (!url.startsWith("jdbc:")) {
            url = ((DbTarget.Postgres) DbTarget.parse(url)).jdbcUrl();
        }
        Database.dropSchema(url, schema);
    }
}
