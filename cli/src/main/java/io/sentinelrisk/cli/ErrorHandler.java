package io.sentinelrisk.cli;

import io.sentinelrisk.core.error.SentinelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on stderr and an exit code: a user mistake
 * ({@link SentinelException}) prints its message and exits 1 or 2 as it says; anything else is
 * our failure, exits 1, and shows its stack trace only at --log-level DEBUG.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        Throwable t = ex;
        while (!(t instanceof SentinelException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof SentinelException se) {
            cli.getErr().println("sentinel " + cli.getCommandName() + ": error: " + se.getMessage());
            LOG.debug("details", se);
            return se.exitCode();
        }
        if (ex instanceof java.io.UncheckedIOException io) {
            cli.getErr().println("sentinel " + cli.getCommandName() + ": error: " + io.getCause().getMessage());
            LOG.debug("details", ex);
            return 1;
        }
        cli.getErr().println("sentinel " + cli.getCommandName() + ": internal error: " + ex
                + " (run with --log-level DEBUG for details)");
        LOG.debug("internal error", ex);
        return 1;
    }
}
