package io.sentinelrisk.server;

/** The API on the embedded H2 store under the data directory. */
class EmbeddedServerApiTest extends ServerApiContract {
    @Override
    ServerOptions store(ServerOptions base) {
        return base;
    }
}
