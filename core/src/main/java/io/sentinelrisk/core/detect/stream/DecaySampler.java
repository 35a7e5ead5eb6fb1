package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

/**
 * Which points a tree keeps: a weighted reservoir with exponential time decay (as in Amazon's
 * RCF sampler). The point seen at step {@code t} gets the key {@code -λ·t + log(-log u)} and the
 * {@code capacity} smallest keys are kept, so a point's chance to still be in the sample decays
 * like {@code exp(-λ·age)}; λ = 0 is a uniform reservoir over the whole stream. A max-heap on
 * the keys finds the point to evict.
 */
final class DecaySampler {
    private final double[] keys;
    private final int[] slots;
    private int size;

    DecaySampler(int capacity) {
        keys = new double[capacity];
        slots = new int[capacity];
    }

    private DecaySampler(DecaySampler o) {
        keys = o.keys.clone();
        slots = o.slots.clone();
        size = o.size;
    }

    DecaySampler copy() {
        return new DecaySampler(this);
    }

    static double key(double lambda, long step, double u) {
        return -lambda * step + Math.log(-Math.log(u));
    }

    /** Whether a point with {@code key} enters the sample. */
    boolean accepts(double key) {
        return size < keys.length || key < keys[0];
    }

    boolean full() {
        return size == keys.length;
    }

    /** Removes the entry with the largest key; returns its tree slot. */
    int evict() {
        int slot = slots[0];
        size--;
        keys[0] = keys[size];
        slots[0] = slots[size];
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int top = i;
            if (l < size && keys[l] > keys[top]) {
                top = l;
            }
            if (r < size && keys[r] > keys[top]) {
                top = r;
            }
            if (top == i) {
                return slot;
            }
            swap(i, top);
            i = top;
        }
    }

    void add(double key, int slot) {
        int i = size++;
        keys[i] = key;
        slots[i] = slot;
        while (i > 0 && keys[(i - 1) / 2] < keys[i]) {
            swap(i, (i - 1) / 2);
            i = (i - 1) / 2;
        }
    }

    private void swap(int a, int b) {
        double k = keys[a];
        keys[a] = keys[b];
        keys[b] = k;
        int s = slots[a];
        slots[a] = slots[b];
        slots[b] = s;
    }

    void write(BinaryWriter w) {
        w.writeInt(size).writeDoubles(keys).writeInts(slots);
    }

    static DecaySampler read(BinaryReader r, int capacity) {
        DecaySampler s = new DecaySampler(capacity);
        s.size = r.readInt();
        double[] k = r.readDoubles();
        int[] sl = r.readInts();
        if (s.size < 0 || s.size > capacity || k.length != capacity || sl.length != capacity) {
            throw r.corrupt("sampler of " + s.size + " entries, capacity " + capacity);
        }
        for (int i = 0; i < s.size; i++) {
            if (sl[i] < 0 || sl[i] >= capacity) {
                throw r.corrupt("sampler slot out of range");
            }
        }
        System.arraycopy(k, 0, s.keys, 0, capacity);
        System.arraycopy(sl, 0, s.slots, 0, capacity);
        return s;
    }
}
