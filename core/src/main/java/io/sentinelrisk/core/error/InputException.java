package io.sentinelrisk.core.error;

/**
 * Bad input from the user: a data file, a label file, a config, a bundle or a record that is not
 * what was expected. The message starts with the place ({@code file:line:column}) when known.
 * Exit code 2.
 */
public class InputException extends SentinelException {
    private final InputLocation location;

    public InputException(String message) {
        this(null, message, null);
    }

    public InputException(InputLocation location, String message) {
        this(location, message, null);
    }

    public InputException(InputLocation location, String message, Throwable cause) {
        super(location == null ? message : location + ": " + message, cause, 2);
        this.location = location;
    }

    /** Where the problem is, or null when it is not tied to a place in a file. */
    public InputLocation location() {
        return location;
    }
}
