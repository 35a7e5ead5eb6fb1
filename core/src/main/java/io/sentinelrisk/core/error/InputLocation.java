package io.sentinelrisk.core.error;

/**
 * A place in an input: file, 1-based line and 1-based column (0 = unknown). Printed the way
 * compilers and editors understand it: {@code data.csv:12:3}.
 */
public record InputLocation(String file, long line, int column) {

    public static InputLocation file(String file) {
        return new InputLocation(file, 0, 0);
    }

    public static InputLocation line(String file, long line) {
        return new InputLocation(file, line, 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }
}
