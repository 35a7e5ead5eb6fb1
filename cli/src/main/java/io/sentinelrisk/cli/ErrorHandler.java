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
    /** Looked up when an error is logged, not when the handler is made: logging's set-up costs start-up time. */
    private static Logger log() {
        return LoggerFactory.getLogger(ErrorHandler.class);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        Throwable t = ex;
        while (!(t instanceof SentinelException) && !(t instanceof OutOfMemoryError) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof OutOfMemoryError oom) {
            return outOfMemory(cli, oom);
        }
        if (t instanceof SentinelException se) {
            cli.getErr().println(prefix(cli) + ": error: " + se.getMessage());
            log().debug("details", se);
            return se.exitCode();
        }
        if (ex instanceof java.io.UncheckedIOException io) {
            cli.getErr().println(prefix(cli) + ": error: " + io.getCause().getMessage());
            log().debug("details", ex);
            return 1;
        }
        cli.getErr().println(prefix(cli) + ": internal error: " + ex
                + " (run with --log-level DEBUG for details)");
        log().debug("internal error", ex);
        return 1;
    }

    /**
     * Out of memory: one line saying what ran out (the Java heap, mostly) and how to raise it,
     * exit 1. By the time it is caught the work that filled the heap is unreachable, so printing
     * works.
     */
    static int outOfMemory(CommandLine cli, OutOfMemoryError e) {
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "Java heap space" : e.getMessage();
        long suggest = Math.max(2, 2 * ((heapMiB + 1023) >> 10));
        cli.getErr().println(prefix(cli) + ": error: out of memory (" + what + ", with a maximum heap of " + heapMiB
                + " MiB); raise the heap, e.g. SENTINEL_JAVA_OPTS=-Xmx" + suggest + "g, or give less data (see README, 'Memory')");
        cli.getErr().flush();
        log().debug("out of memory", e);
        return 1;
    }

    /** "sentinel train", "sentinel config defaults": the command as typed. */
    private static String prefix(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName();
    }
}
