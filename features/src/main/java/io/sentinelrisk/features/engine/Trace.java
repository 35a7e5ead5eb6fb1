package io.sentinelrisk.features.engine;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Optional timing of each SQL statement on stderr, for tuning: set the system property
 * {@code sentinel.features.trace=true} or the environment variable {@code SENTINEL_FEATURES_TRACE=1}.
 * Prints wall time and the process's CPU time (DuckDB's own threads included).
 */
final class Trace {
    static final boolean ON = Boolean.getBoolean("sentinel.features.trace") || System.getenv("SENTINEL_FEATURES_TRACE") != null;

    private Trace() {
    }

    interface Body {
        void run() throws java.sql.SQLException;
    }

    static void time(String what, Body body) throws java.sql.SQLException {
        if (!ON) {
            body.run();
            return;
        }
        long w0 = System.nanoTime();
        long c0 = cpu();
        body.run();
        long w1 = System.nanoTime();
        long c1 = cpu();
        String first = what.lines().findFirst().orElse("");
        System.err.printf(Locale.ROOT, "[trace] %6.2f s wall %6.2f s cpu  %s%n", (w1 - w0) / 1e9, (c1 - c0) / 1e9,
                first.length() > 110 ? first.substring(0, 110) + "…" : first);
    }

    private static long cpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
