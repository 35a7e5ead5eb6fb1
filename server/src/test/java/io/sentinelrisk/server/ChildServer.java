package io.sentinelrisk.server;

import java.nio.file.Path;

/**
 * The real server in a process of its own, for the kill -9 test: {@code ChildServer MODEL DATA_DIR}
 * starts it on a free port, prints {@code PORT n} and serves until the process is killed.
 */
public final class ChildServer {
    private ChildServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        SentinelServer server = SentinelServer.start(ServerOptions.defaults(Path.of(args[0]), Path.of(args[1]))
                .withPort(0).withLimits(ServerOptions.DEFAULT_MAX_BODY_BYTES, ServerOptions.DEFAULT_BATCH_LIMIT, 0));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
