package io.sentinelrisk.core.io;

import java.nio.charset.StandardCharsets;

/**
 * Finds the content of one raw field: surrounding spaces and tabs dropped, and for a quoted
 * field the text between its quotes, where a doubled quote stands for one.
 */
final class FieldText {
    /** Content start and end in the input bytes (escaped quotes still doubled). */
    int from;
    int to;
    /** The same range without surrounding spaces and tabs, for recognising numbers and words. */
    int trimmedFrom;
    int trimmedTo;
    boolean quoted;

    /** Locates the content of the raw field {@code b[start, end)}. */
    void locate(byte[] b, int start, int end, byte delim) {
        int s = start;
        int e = end;
        while (s < e && isPad(b[s], delim)) {
            s++;
        }
        while (e > s && isPad(b[e - 1], delim)) {
            e--;
        }
        if (s < e && b[s] == '"') {
            // the tokenizer guarantees that a field opening with a quote closes with one
            quoted = true;
            from = s + 1;
            to = Math.max(from, e - 1);
            int ts = from;
            int te = to;
            while (ts < te && isPad(b[ts], (byte) 0)) {
                ts++;
            }
            while (te > ts && isPad(b[te - 1], (byte) 0)) {
                te--;
            }
            trimmedFrom = ts;
            trimmedTo = te;
        } else {
            quoted = false;
            from = s;
            to = e;
            trimmedFrom = s;
            trimmedTo = e;
        }
    }

    /** Whether the content holds a doubled quote that must be collapsed. */
    boolean hasEscapes(byte[] b) {
        if (!quoted) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (b[i] == '"') {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies the content into {@code scratch} with doubled quotes collapsed; returns its length.
     * {@code scratch} must hold at least {@code to - from} bytes.
     */
    int unescape(byte[] b, byte[] scratch) {
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            scratch[n++] = c;
            if (c == '"') {
                i++; // skip the second quote of the pair
            }
        }
        return n;
    }

    /** The content as a String. */
    String text(byte[] b) {
        if (hasEscapes(b)) {
            byte[] scratch = new byte[to - from];
            int n = unescape(b, scratch);
            return new String(scratch, 0, n, StandardCharsets.UTF_8);
        }
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The content of the raw field {@code b[start, end)} as a String. */
    static String decode(byte[] b, int start, int end, byte delim) {
        FieldText f = new FieldText();
        f.locate(b, start, end, delim);
        return f.text(b);
    }

    static boolean isPad(byte c, byte delim) {
        return (c == ' ' || c == '\t') && c != delim;
    }
}
