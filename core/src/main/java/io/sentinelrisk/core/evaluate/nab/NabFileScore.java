package io.sentinelrisk.core.evaluate.nab;

/**
 * A NAB score at one threshold, with NAB's counts of rows (not windows) after the probationary
 * period: {@code tp} detections inside a window, {@code fp} outside, {@code fn} undetected rows
 * inside a window, {@code tn} undetected rows outside.
 */
public record NabFileScore(double threshold, double score, int tp, int tn, int fp, int fn) {
}
