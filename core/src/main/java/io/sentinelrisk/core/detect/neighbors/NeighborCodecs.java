package io.sentinelrisk.core.detect.neighbors;

/** Checks the neighbour detectors' codecs share. */
public final class NeighborCodecs {
    private NeighborCodecs() {
    }

    /** True when every entry of {@code rowOf} (each training row's point) is a point index in [0, points). */
    public static boolean validRowOf(int[] rowOf, int points) {
        for (int p : rowOf) {
            if (p < 0 || p >= points) {
                return false;
            }
        }
        return true;
    }
}
