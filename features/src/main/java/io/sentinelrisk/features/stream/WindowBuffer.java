package io.sentinelrisk.features.stream;

/**
 * One entity's events for one window, in arrival order, in flat ring arrays addressed by a running
 * sequence number ({@code index = seq & mask}). Entries in {@code [head, commit)} are history that
 * the kernels have seen; entries in {@code [commit, tail)} are the current group of ties, which no
 * feature may see until time moves on ({@link #commit}). Capacity doubles when needed and is never
 * larger than the window's content plus the current ties.
 */
final class WindowBuffer {
    final long windowMs;
    final int maxEvents;
    final Kernel[] kernels;
    long head;
    long commit;
    long tail;
    int mask;
    long[] ts;
    final double[][] nums;
    final Object[][] objs;

    WindowBuffer(long windowMs, int maxEvents, int numColumns, int objColumns, Kernel[] kernels) {
        this.windowMs = windowMs;
        this.maxEvents = maxEvents;
        this.kernels = kernels;
        int cap = 4;
        this.mask = cap - 1;
        this.ts = new long[cap];
        this.nums = new double[numColumns][cap];
        this.objs = new Object[objColumns][cap];
    }

    int committed() {
        return (int) (commit - head);
    }

    double num(int column, long seq) {
        return nums[column][(int) (seq & mask)];
    }

    Object obj(int column, long seq) {
        return objs[column][(int) (seq & mask)];
    }

    /** Appends a pending entry; the caller then fills its columns at {@link #slot()}. */
    int append(long t) {
        if (tail - head == mask + 1) {
            grow();
        }
        int i = (int) (tail & mask);
        ts[i] = t;
        tail++;
        return i;
    }

    /** Makes all pending entries history, then drops what no longer fits the window at time {@code now}. */
    void commit(long now) {
        while (commit < tail) {
            for (Kernel k : kernels) {
                k.add(this, commit);
            }
            commit++;
            if (maxEvents > 0 && commit - head > maxEvents) {
                removeOldest();
            }
        }
        if (windowMs > 0) {
            long from = now - windowMs;
            while (head < commit && ts[(int) (head & mask)] < from) {
                removeOldest();
            }
        }
    }

    private void removeOldest() {
        for (Kernel k : kernels) {
            k.remove(this, head);
        }
        int i = (int) (head & mask);
        for (Object[] col : objs) {
            col[i] = null;
        }
        head++;
    }

    private void grow() {
        int cap = (mask + 1) * 2;
        int newMask = cap - 1;
        long[] nts = new long[cap];
        for (long s = head; s < tail; s++) {
            nts[(int) (s & newMask)] = ts[(int) (s & mask)];
        }
        ts = nts;
        for (int c = 0; c < nums.length; c++) {
            double[] n = new double[cap];
            for (long s = head; s < tail; s++) {
                n[(int) (s & newMask)] = nums[c][(int) (s & mask)];
            }
            nums[c] = n;
        }
        for (int c = 0; c < objs.length; c++) {
            Object[] n = new Object[cap];
            for (long s = head; s < tail; s++) {
                n[(int) (s & newMask)] = objs[c][(int) (s & mask)];
            }
            objs[c] = n;
        }
        mask = newMask;
    }
}
