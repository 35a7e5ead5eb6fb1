package io.sentinelrisk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Sets logging up in code, the first time something logs: logs go to stderr (stdout stays for
 * results) at WARN, DuckDB's at WARN too; {@code --log-level} changes the root level. Done in code
 * rather than with a logback.xml because parsing XML (a parser, Joran's model) took about
 * 0.3 s of CPU at start-up. A user's own {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new StartedAtFirstLine();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("org.duckdb").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(LogLevelOption.DEFAULT.name()));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * The pattern, started when the first line is logged rather than when logging is set up: its
     * time of day needs the default time zone, and a zone's rules are found by a ServiceLoader
     * that searches the whole class path (the jar's index of ~18,700 entries read) in a run that,
     * at the default level, logs nothing (docs/benchmarks.md, "A run that never opens the jar").
     */
    static final class StartedAtFirstLine extends PatternLayoutEncoder {
        private volatile boolean ready;

        @Override
        public byte[] encode(ILoggingEvent event) {
            if (!ready) {
                startOnce();
            }
            return super.encode(event);
        }

        private synchronized void startOnce() {
            if (!ready) {
                start();
                ready = true;
            }
        }
    }
}
