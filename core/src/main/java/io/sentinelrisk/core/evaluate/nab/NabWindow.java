package io.sentinelrisk.core.evaluate.nab;

/** A labelled anomaly window: its first and last row times (seconds since the epoch, UTC), inclusive. */
public record NabWindow(long start, long end) {
}
