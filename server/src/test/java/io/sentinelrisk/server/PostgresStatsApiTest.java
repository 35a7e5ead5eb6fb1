package io.sentinelrisk.server;

import org.junit.jupiter.api.Tag;

/** The dashboard statistics on PostgreSQL ($SENTINEL_PG_URL or 127.0.0.1:5432/test), in a schema of its own. */
@Tag("integration")
class PostgresStatsApiTest extends StatsApiContract {
    private final String schema = TestStores.uniqueSchema();

    @Override
    ServerOptions store(ServerOptions base) {
        return base.withDb(TestStores.postgresUrl(), schema);
    }

    @Override
    void cleanUp() {
        TestStores.drop(schema);
    }
}
