package io.sentinelrisk.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Keeps API keys out of the logs whatever {@code --log-level} says: Jetty's HTTP parser logs
 * every request header (Authorization included) at DEBUG, and the pool logs its JDBC URL (which
 * may hold a database password); their loggers are held at INFO or above.
 */
final class LogSafety {
    /** Loggers that print request headers or connection strings below INFO. */
    static final List<String> CAPPED = List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.postgresql", "h2database");

    private LogSafety() {
    }

    static void capHeaderLoggers() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (String name : CAPPED) {
            Logger logger = context.getLogger(name);
            if (logger.getEffectiveLevel().toInt() < Level.INFO.toInt()) {
                logger.setLevel(Level.INFO);
            }
        }
    }
}
