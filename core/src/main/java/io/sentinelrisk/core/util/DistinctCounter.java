package io.sentinelrisk.core.util;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts distinct strings in bounded memory: exactly while there are at most {@code exact} of
 * them, then with a HyperLogLog of 2^14 registers (Flajolet et al. 2007; standard error about
 * 0.8%). Deterministic: a fixed hash, no random seed.
 */
public final class DistinctCounter {
    private static final int P = 14;
    private static final int M = 1 << P;

    private final int exact;
    private Set<String> seen = new HashSet<>();
    private byte[] registers;

    public DistinctCounter(int exact) {
        this.exact = exact;
    }

    public void add(String value) {
        if (registers == null) {
            if (seen.add(value) && seen.size() > exact) {
                registers = new byte[M];
                for (String s : seen) {
                    addHashed(hash(s));
                }
                seen = null;
            }
            return;
        }
        addHashed(hash(value));
    }

    /** Whether the count is exact. */
    public boolean isExact() {
        return registers == null;
    }

    public long count() {
        if (registers == null) {
            return seen.size();
        }
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            zeros += r == 0 ? 1 : 0;
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * (double) M / sum;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);   // linear counting for small counts
        }
        return Math.round(e);
    }

    private void addHashed(long h) {
        int idx = (int) (h >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[idx]) {
            registers[idx] = (byte) rank;
        }
    }

    /** 64-bit FNV-1a of the UTF-8 bytes, finished with MurmurHash3's mixer. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53a88cdL;
        h ^= h >>> 33;
        return h;
    }
}
