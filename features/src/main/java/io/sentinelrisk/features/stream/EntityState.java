package io.sentinelrisk.features.stream;

import java.util.Arrays;

/**
 * What the streaming engine keeps of one entity: its latest event time, one {@link WindowBuffer}
 * per distinct window (the history in the window, the pending ties, and the aggregates' running
 * state) and the previous-event lookups (committed and pending). Data only, in flat arrays; saved
 * and restored by {@link EntityStateCodec}. Shaped by one {@code StreamingFeatures}' plan and only
 * meaningful to it.
 */
public final class EntityState {
    long lastTs = Long.MIN_VALUE;
    final WindowBuffer[] buffers;
    final long[] prevTs;
    final double[] prevNum;
    final String[] prevStr;
    final boolean[] pendSet;
    final long[] pendTs;
    final double[] pendNum;
    final String[] pendStr;

    EntityState(WindowBuffer[] buffers, int prevs) {
        this.buffers = buffers;
        prevTs = new long[prevs];
        Arrays.fill(prevTs, Evaluators.NO_TIME);
        prevNum = new double[prevs];
        Arrays.fill(prevNum, Double.NaN);
        prevStr = new String[prevs];
        pendSet = new boolean[prevs];
        pendTs = new long[prevs];
        pendNum = new double[prevs];
        pendStr = new String[prevs];
    }

    /** The time of the entity's latest event (epoch ms), or {@code Long.MIN_VALUE} before any. */
    public long lastTimestamp() {
        return lastTs;
    }

    /** Time moved on to {@code now}: the pending ties become history; windows drop what left them. */
    void commit(long now) {
        for (WindowBuffer b : buffers) {
            b.commit(now);
        }
        for (int i = 0; i < pendSet.length; i++) {
            if (pendSet[i]) {
                prevTs[i] = pendTs[i];
                prevNum[i] = pendNum[i];
                prevStr[i] = pendStr[i];
                pendSet[i] = false;
            }
        }
    }
}
