package io.sentinelrisk.server.delivery;

/**
 * A failed delivery attempt. {@code retryable}: worth another try (no answer, timeout, 408, 425,
 * 429, 5xx); otherwise the receiver refused the payload and retrying would not change that.
 */
final class DeliveryFailure extends RuntimeException {
    private final boolean retryable;
    private final Integer httpStatus;

    DeliveryFailure(String message, boolean retryable, Integer httpStatus) {
        super(message, null, false, false);   // no stack trace: an expected outcome, logged as one line
        this.retryable = retryable;
        this.httpStatus = httpStatus;
    }

    boolean retryable() {
        return retryable;
    }

    Integer httpStatus() {
        return httpStatus;
    }
}
