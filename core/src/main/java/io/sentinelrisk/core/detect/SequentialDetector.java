package io.sentinelrisk.core.detect;

/**
 * A fitted detector whose score of a row depends on the rows before it (a streaming detector on
 * a time series). Its batch {@link #score(io.sentinelrisk.core.data.Matrix, double[], int)}
 * continues the trained stream over the rows in order, so a file must be scored in one piece
 * and in time order; scoring never changes the fitted model.
 */
public interface SequentialDetector extends FittedDetector {
}
