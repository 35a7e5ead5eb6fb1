package io.sentinelrisk.cli.flink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a jar in a child JVM of the same Java, sharing this terminal, and returns its exit code.
 * The child is stopped with this process (Ctrl-C, SIGTERM). Its JVM options come from
 * $SENTINEL_FLINK_JAVA_OPTS (e.g. -Xmx4g); the jar's manifest opens the JDK packages Flink needs.
 */
final class ChildJvm {
    static final String OPTS_ENV = "SENTINEL_FLINK_JAVA_OPTS";

    private ChildJvm() {
    }

    static int run(Path jar, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            // Flink's RPC (Pekko) still uses sun.misc.Unsafe; JDK 24+ warns about it on every start
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        String opts = System.getenv(OPTS_ENV);
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-flink-job");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        return code;
    }
}
