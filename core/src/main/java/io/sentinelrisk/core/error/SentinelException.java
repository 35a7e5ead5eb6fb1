package io.sentinelrisk.core.error;

/**
 * The root of the product's exception family. Its message is written for the user, one line,
 * and says what was expected and what was found. The command line maps {@link #exitCode()} to
 * the process exit code: 1 for a failure while running, 2 for bad usage or bad input.
 */
public class SentinelException extends RuntimeException {
    private final int exitCode;

    public SentinelException(String message) {
        this(message, null, 1);
    }

    public SentinelException(String message, Throwable cause) {
        this(message, cause, 1);
    }

    protected SentinelException(String message, Throwable cause, int exitCode) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** 1 = failure while running, 2 = bad usage or bad input. */
    public int exitCode() {
        return exitCode;
    }
}
