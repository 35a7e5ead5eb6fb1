package io.sentinelrisk.core.io;

/**
 * Strict UTF-8 validation over a byte buffer, one sequence at a time, so that the CSV tokenizer
 * can check multi-byte characters in the same pass that splits fields (ASCII bytes never reach
 * it). Rejects overlong forms, surrogates and code points above U+10FFFF, like the JDK's
 * REPORT-mode decoder.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Returned by {@link #next} when the sequence at {@code pos} is not valid UTF-8. */
    static final int INVALID = -1;

    /**
     * Checks the sequence that starts with the non-ASCII byte at {@code pos} and returns the
     * position after it, or {@link #INVALID}.
     */
    static int next(byte[] b, int pos, int limit) {
        int b0 = b[pos] & 0xFF;
        if (b0 < 0xC2) {
            return INVALID; // continuation byte without a lead, or an overlong 2-byte lead
        }
        if (b0 < 0xE0) {
            return pos + 1 < limit && isCont(b[pos + 1]) ? pos + 2 : INVALID;
        }
        if (b0 < 0xF0) {
            if (pos + 2 >= limit) {
                return INVALID;
            }
            int b1 = b[pos + 1] & 0xFF;
            if (!isCont(b[pos + 1]) || !isCont(b[pos + 2])) {
                return INVALID;
            }
            if (b0 == 0xE0 && b1 < 0xA0) {
                return INVALID; // overlong
            }
            if (b0 == 0xED && b1 >= 0xA0) {
                return INVALID; // UTF-16 surrogate
            }
            return pos + 3;
        }
        if (b0 < 0xF5) {
            if (pos + 3 >= limit) {
                return INVALID;
            }
            int b1 = b[pos + 1] & 0xFF;
            if (!isCont(b[pos + 1]) || !isCont(b[pos + 2]) || !isCont(b[pos + 3])) {
                return INVALID;
            }
            if (b0 == 0xF0 && b1 < 0x90) {
                return INVALID; // overlong
            }
            if (b0 == 0xF4 && b1 >= 0x90) {
                return INVALID; // above U+10FFFF
            }
            return pos + 4;
        }
        return INVALID;
    }

    /** Position of the first invalid sequence in {@code [from, to)}, or -1 when all is valid. */
    static int firstInvalid(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            if (b[p] >= 0) {
                p++;
            } else {
                int q = next(b, p, to);
                if (q == INVALID) {
                    return p;
                }
                p = q;
            }
        }
        return -1;
    }

    private static boolean isCont(byte x) {
        return (x & 0xC0) == 0x80;
    }
}
