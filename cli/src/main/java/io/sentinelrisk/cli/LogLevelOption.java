package io.sentinelrisk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --log-level}, declared once on the top command and inherited by every command; logs go to stderr. */
public final class LogLevelOption {
    /** The levels a user may choose. */
    public enum LogLevel { DEBUG, INFO, WARN, ERROR }

    /** The level when none is given (LogSetup sets it). */
    static final LogLevel DEFAULT = LogLevel.WARN;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "How much to log on stderr: ${COMPLETION-CANDIDATES} (default: ${bundle:default.log_level}; INFO tells each step).")
    void setLevel(LogLevel level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.name()));
    }
}
