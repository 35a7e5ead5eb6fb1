package io.sentinelrisk.server;

/** The dashboard statistics on the embedded H2 store. */
class EmbeddedStatsApiTest extends StatsApiContract {
    @Override
    ServerOptions store(ServerOptions base) {
        return base;
    }
}
