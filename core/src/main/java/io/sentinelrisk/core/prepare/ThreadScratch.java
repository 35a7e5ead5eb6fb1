package io.sentinelrisk.core.prepare;

/**
 * One array of doubles per thread, handed out again when the next request has the same length:
 * for a block's prepared features that a detector reads and drops. The blocks of a streamed score
 * after the first all have the same number of rows, so their features go into one array instead
 * of a fresh one per block (at 10 features, a megabyte of young-generation garbage a block). An
 * array above {@link #MAX_KEPT} values is handed out but not kept, so a thread holds at most
 * 4 MiB, whatever its blocks.
 */
final class ThreadScratch {
    /** The most values a thread keeps (4 MiB): a streamed block's features fit, a first block of 64 Ki rows need not. */
    static final int MAX_KEPT = 1 << 19;

    private static final ThreadLocal<double[]> KEPT = new ThreadLocal<>();

    private ThreadScratch() {
    }

    /**
     * An array of {@code length} values, holding what the thread's last one held (every value is
     * to be written): valid until this thread's next call.
     */
    static double[] doubles(int length) {
        double[] kept = KEPT.get();
        if (kept != null && kept.length == length) {
            return kept;
        }
        double[] fresh = new double[length];
        if (length <= MAX_KEPT) {
            KEPT.set(fresh);
        }
        return fresh;
    }
}
