package io.sentinelrisk.core.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gives each distinct byte string a code, in order of first appearance, making a String only
 * for a value not seen before: an open-addressing hash table whose keys live in one byte pool.
 */
final class ByteDictionary {
    private byte[] pool = new byte[1 << 12];
    private int poolSize;
    private int[] keyStart = new int[64];
    private int[] keyLength = new int[64];
    private int[] keyHash = new int[64];
    private int[] table = new int[128]; // code + 1, 0 = empty
    private final List<String> values = new ArrayList<>();

    /**
     * Code + 1 of each one-byte value seen (0 = not yet): a label column of 0s and 1s, or a
     * one-letter code, is looked up without hashing or comparing ranges (a call into
     * {@code Arrays.equals} per row under the quick compiler).
     */
    private final int[] singleByte = new int[256];

    /** The code of {@code b[from, to)}, adding it when new. */
    int code(byte[] b, int from, int to) {
        if (to - from == 1) {
            int k = b[from] & 0xFF;
            int known = singleByte[k];
            if (known != 0) {
                return known - 1;
            }
            int code = hashed(b, from, to);
            singleByte[k] = code + 1;
            return code;
        }
        return hashed(b, from, to);
    }

    private int hashed(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int entry = table[slot];
            if (entry == 0) {
                return add(b, from, to, h, slot);
            }
            int code = entry - 1;
            if (keyHash[code] == h && keyLength[code] == to - from
                && Arrays.equals(pool, keyStart[code], keyStart[code] + keyLength[code], b, from, to)) {
                return code;
            }
            slot = (slot + 1) & mask;
        }
    }

    List<String> values() {
        return values;
    }

    private int add(byte[] b, int from, int to, int h, int slot) {
        int code = values.size();
        int len = to - from;
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, (int) Math.min(Integer.MAX_VALUE - 16, Math.max((long) pool.length * 2, (long) poolSize + len)));
        }
        System.arraycopy(b, from, pool, poolSize, len);
        if (code == keyStart.length) {
            keyStart = Arrays.copyOf(keyStart, code * 2);
            keyLength = Arrays.copyOf(keyLength, code * 2);
            keyHash = Arrays.copyOf(keyHash, code * 2);
        }
        keyStart[code] = poolSize;
        keyLength[code] = len;
        keyHash[code] = h;
        poolSize += len;
        values.add(new String(b, from, len, StandardCharsets.UTF_8));
        table[slot] = code + 1;
        if ((code + 1) * 2 > table.length) {
            rehash();
        }
        return code;
    }

    private void rehash() {
        int[] next = new int[table.length * 2];
        int mask = next.length - 1;
        for (int code = 0; code < values.size(); code++) {
            int slot = keyHash[code] & mask;
            while (next[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            next[slot] = code + 1;
        }
        table = next;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
