package io.sentinelrisk.core.detect.support;

/** Scores the row that starts at {@code offset} in a row-major array, without copying it. */
@FunctionalInterface
public interface RowScorer {
    double score(double[] data, int offset);
}
