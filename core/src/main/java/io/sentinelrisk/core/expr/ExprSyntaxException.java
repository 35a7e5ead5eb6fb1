package io.sentinelrisk.core.expr;

/** An expression that does not parse; {@link #position()} is the 0-based offset of the problem. */
public final class ExprSyntaxException extends RuntimeException {
    private final int position;

    public ExprSyntaxException(String message, int position) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
