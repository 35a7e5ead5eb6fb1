package io.sentinelrisk.core.prepare;

/**
 * Arrays of doubles each thread keeps and hands out again for a request of the same length: for
 * a block's prepared features, which a detector reads and drops. The blocks of a streamed score
 * after the first all have the same number of rows, but for one cut short where the reader's
 * buffer ends, so their features go into one array instead of a fresh one per block (at 10
 * features, a megabyte of young-generation garbage a block). A thread keeps its two most recently
 * used lengths, so a short block between two full ones does not cost the full ones' array; an
 * array above {@link #MAX_KEPT} values is handed out but not kept, so a thread holds at most
 * 4 MiB, whatever its blocks.
 */
final class ThreadScratch {
    /** The most values of a kept array (2 MiB): a streamed block's features fit, a first block of 64 Ki rows need not. */
    static final int MAX_KEPT = 1 << 18;

    /** Per thread: the array used last, then the one before it. */
    private static final ThreadLocal<double[][]> KEPT = ThreadLocal.withInitial(() -> new double[2][]);

    private ThreadScratch() {
    }

    /**
     * An array of {@code length} values, holding what it held when it was handed out before
     * (every value is to be written): valid until this thread's next call but one.
     */
    static double[] doubles(int length) {
        double[][] kept = KEPT.get();
        for (int i = 0; i < kept.length; i++) {
            double[] a = kept[i];
            if (a != null && a.length == length) {
                kept[i] = kept[0];
                kept[0] = a;
                return a;
            }
        }
        double[] fresh = new double[length];
        if (length <= MAX_KEPT) {
            kept[1] = kept[0];
            kept[0] = fresh;
        }
        return fresh;
    }
}
