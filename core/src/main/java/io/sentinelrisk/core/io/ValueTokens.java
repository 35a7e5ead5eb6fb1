package io.sentinelrisk.core.io;

import java.util.List;

/**
 * The words a field may hold besides numbers, timestamps and free text: missing-value markers,
 * boolean words and the spellings of not-a-number and infinity. All compared ASCII
 * case-insensitively on bytes.
 */
final class ValueTokens {
    private ValueTokens() {
    }

    /** Field contents read as a missing value (besides the empty field). */
    static final List<String> MISSING = List.of("NA", "N/A", "null", "None");

    /** Boolean words; 1/0 count as booleans only in a column that also holds these words. */
    static final List<String> TRUE_WORDS = List.of("true", "yes");
    static final List<String> FALSE_WORDS = List.of("false", "no");

    /** Spellings of non-finite numbers, rejected in numeric columns. */
    private static final List<String> NON_FINITE = List.of(
        "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    private static final byte[][] MISSING_BYTES = bytes(MISSING);
    private static final byte[][] TRUE_BYTES = bytes(TRUE_WORDS);
    private static final byte[][] FALSE_BYTES = bytes(FALSE_WORDS);
    private static final byte[][] NON_FINITE_BYTES = bytes(NON_FINITE);

    static boolean isMissing(byte[] b, int from, int to) {
        int len = to - from;
        return len == 0 || (len >= 2 && len <= 4 && matchesAny(b, from, to, MISSING_BYTES));
    }

    /** 1 for a true word, 0 for a false word, -1 otherwise. */
    static int booleanWord(byte[] b, int from, int to) {
        int len = to - from;
        if (len < 2 || len > 5) {
            return -1;
        }
        if (matchesAny(b, from, to, TRUE_BYTES)) {
            return 1;
        }
        return matchesAny(b, from, to, FALSE_BYTES) ? 0 : -1;
    }

    static boolean isNonFiniteWord(byte[] b, int from, int to) {
        int len = to - from;
        if (len < 3 || len > 9) {
            return false;
        }
        byte c = b[from];
        boolean candidate = c == 'n' || c == 'N' || c == 'i' || c == 'I' || c == '+' || c == '-';
        return candidate && matchesAny(b, from, to, NON_FINITE_BYTES);
    }

    private static boolean matchesAny(byte[] b, int from, int to, byte[][] words) {
        for (byte[] w : words) {
            if (equalsIgnoreCase(b, from, to, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreCase(byte[] b, int from, int to, byte[] lowerWord) {
        if (to - from != lowerWord.length) {
            return false;
        }
        for (int i = 0; i < lowerWord.length; i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerWord[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] bytes(List<String> words) {
        byte[][] out = new byte[words.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = words.get(i).toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }
}
