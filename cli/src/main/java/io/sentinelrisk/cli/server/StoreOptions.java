package io.sentinelrisk.cli.server;

import io.sentinelrisk.server.ServerOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the server's stores live: shared by {@code serve} and {@code keys}. */
public final class StoreOptions {
    @Option(names = "--db", paramLabel = "URL",
            description = "PostgreSQL store: postgresql://user@host:5432/database (default: an embedded file under --data-dir).")
    String db;

    @Option(names = "--schema", paramLabel = "NAME", description = "PostgreSQL schema, created when missing (default: public).")
    String schema;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "sentinel-data",
            description = "Directory of the embedded store and of staged uploads (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    ServerOptions apply(ServerOptions base) {
        return base.withDb(db, schema);
    }

    io.sentinelrisk.server.store.Database open() {
        return io.sentinelrisk.server.store.Database.open(db, dataDir, schema, io.sentinelrisk.server.store.Database.StoreTimer.NONE);
    }
}
