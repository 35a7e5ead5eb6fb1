package io.sentinelrisk.stream.sim;

import java.util.List;

/** Where the simulator sends its batches. */
public interface Sink extends AutoCloseable {
    /**
     * Sends one batch and waits until it is acknowledged.
     *
     * @return how it went: events acknowledged and attempts retried
     * @throws SinkException when the batch could not be delivered (after the retries)
     */
    Delivery send(List<SimEvent> batch);

    /** What to call the target in messages (no secrets). */
    String describe();

    @Override
    void close();

    /** One batch's delivery: events the target acknowledged, and retries it took. */
    record Delivery(long acknowledged, long retried) {
    }

    /** A batch that could not be delivered. */
    final class SinkException extends RuntimeException {
        public SinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
