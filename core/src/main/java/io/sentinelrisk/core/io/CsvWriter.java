package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Frame;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes CSV rows, quoting a field (RFC 4180) only when it holds the delimiter, a quote, a line
 * break or leading/trailing spaces. Lines end with \n; text is UTF-8.
 *
 * <p>Fields go straight into a byte buffer: ASCII text is copied char by char while it is checked
 * for quoting, and numbers are written digit by digit ({@link #number}, {@link #fixed2}), so a
 * numeric row costs no string formatting through general-purpose formatters. Doubles are written
 * as {@link Double#toString(double)} writes them: the shortest decimal that reads back as the same
 * double.
 */
public final class CsvWriter {
    private static final int BUFFER = 1 << 16;
    /** Room kept free for one number (a double's text is at most 24 chars). */
    public static final int NUMBER_ROOM = 32;

    private final OutputStream out;
    private final byte delimiter;
    private final char delimiterChar;
    private final byte[] buf = new byte[BUFFER];
    private int pos;

    public CsvWriter(OutputStream out, char delimiter) {
        this.out = out;
        this.delimiterChar = delimiter;
        // a delimiter outside ASCII is written as its UTF-8 bytes by writeDelimiter
        this.delimiter = delimiter < 0x80 ? (byte) delimiter : 0;
    }

    /** Writes one row. */
    public void writeRow(String... fields) {
        for (int i = 0; i < fields.length; i++) {
            field(fields[i], i == 0);
        }
        endRow();
    }

    /** Starts a row field by field: call {@link #field} for each, then {@link #endRow}. */
    public CsvWriter field(String value, boolean first) {
        if (!first) {
            writeDelimiter();
        }
        if (value != null) {
            text(value);
        }
        return this;
    }

    /**
     * A number as {@link io.sentinelrisk.core.data.Column.Numeric#text} shows it: empty when NaN,
     * whole numbers below 1e15 without a fraction, others as {@link Double#toString(double)}.
     */
    public CsvWriter number(double v, boolean first) {
        if (!first) {
            writeDelimiter();
        }
        room(NUMBER_ROOM);
        pos = putNumber(v, buf, pos);
        return this;
    }

    /** A double as {@link Double#toString(double)} writes it (shortest round trip; NaN as "NaN"). */
    public CsvWriter shortest(double v, boolean first) {
        if (!first) {
            writeDelimiter();
        }
        writeDouble(v);
        return this;
    }

    private void writeDouble(double v) {
        room(NUMBER_ROOM);
        pos = putDouble(v, buf, pos);
    }

    /**
     * {@link Double#toString(double)}'s text of v at {@code pos} (room for {@value #NUMBER_ROOM}
     * bytes), returning the end: up to 15 digits by {@link Shortest}, 16 or 17 (a computed score)
     * by {@link LongDecimal}, the rest (exponents, non-finite) by Double.toString itself.
     */
    public static int putDouble(double v, byte[] buf, int pos) {
        int end = Shortest.write(v, buf, pos);
        if (end < 0) {
            end = LongDecimal.write(v, buf, pos);
            if (end < 0) {
                String s = Double.toString(v);
                for (int i = 0; i < s.length(); i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
                end = pos;
            }
        }
        return end;
    }

    /**
     * A number as {@link #number} writes it (no delimiter) at {@code pos} (room for
     * {@value #NUMBER_ROOM} bytes), returning the end.
     */
    public static int putNumber(double v, byte[] buf, int pos) {
        // whole numbers in int's range first, the common case, without a long (NaN is no int's value)
        int small = (int) v;
        if (small == v) {
            if (small >= 0) {
                return Shortest.digits(small, 0, buf, pos);
            } else if (small != Integer.MIN_VALUE) {
                buf[pos] = '-';
                return Shortest.digits(-small, 0, buf, pos + 1);
            }
        }
        if (v != v) {
            return pos;   // NaN: empty
        }
        // v == rint(v) below 1e15, without rint (a call under the quick compiler)
        long whole = (long) v;
        if (whole == v && (whole < 1_000_000_000_000_000L && whole > -1_000_000_000_000_000L)) {
            return putLong(whole, buf, pos);
        }
        return putDouble(v, buf, pos);
    }

    /**
     * The numbers of {@code columns[from..to)} at {@code row}, as {@link #putNumber} writes them,
     * separated by {@code delimiter}, at {@code pos} (room for {@value #NUMBER_ROOM} + 1 bytes
     * per column), returning the end. Whole numbers below 10^4, most cells of many data sets,
     * are copied from the digit table here: a call less per cell under the quick compiler.
     */
    public static int putNumbers(double[][] columns, int from, int to, int row, byte delimiter, byte[] buf, int pos) {
        byte[] quads = Shortest.QUADS;
        byte[] length = Shortest.LENGTH;
        for (int c = from; c < to; c++) {
            if (c > from) {
                buf[pos++] = delimiter;
            }
            double v = columns[c][row];
            int x = (int) v;
            if (x == v && x >= 0 && x < 10_000) {
                int n = length[x];
                int at = 4 * x + 4 - n;
                buf[pos] = quads[at];
                buf[pos + 1] = quads[at + 1];
                buf[pos + 2] = quads[at + 2];
                buf[pos + 3] = quads[at + 3];
                pos += n;
            } else {
                pos = putNumber(v, buf, pos);
            }
        }
        return pos;
    }

    /** {@link #hex16} at {@code pos} (room for 16 bytes), returning the end: two digits a byte. */
    public static int putHex16(long x, byte[] buf, int pos) {
        for (int i = pos + 14; i >= pos; i -= 2) {
            int two = ((int) x & 0xff) * 2;
            buf[i] = HEX_PAIRS[two];
            buf[i + 1] = HEX_PAIRS[two + 1];
            x >>>= 8;
        }
        return pos + 16;
    }

    /** "00".."ff", the two hex digits of every byte. */
    private static final byte[] HEX_PAIRS = new byte[512];

    static {
        byte[] hex = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 256; i++) {
            HEX_PAIRS[2 * i] = hex[i >>> 4];
            HEX_PAIRS[2 * i + 1] = hex[i & 15];
        }
    }

    /** {@link #fixed2} at {@code pos} (room for {@value #FIXED2_ROOM} bytes, any double), returning the end. */
    public static int putFixed2(double v, byte[] buf, int pos) {
        return Fixed2.write(v, buf, pos);
    }

    /** Room {@link #putFixed2} needs: %.2f of the largest double has 309 integer digits. */
    public static final int FIXED2_ROOM = 320;

    /**
     * For writers that fill the buffer themselves (a block of rows in one pass, under the quick
     * compiler a call per cell less): makes room for {@code n} bytes (at most {@link #capacity})
     * and returns the position to write at in {@link #buffer}; {@link #advance} then tells the end.
     */
    public int reserve(int n) {
        room(n);
        return pos;
    }

    /** The buffer {@link #reserve} makes room in (the same array for the writer's life). */
    public byte[] buffer() {
        return buf;
    }

    public int capacity() {
        return BUFFER;
    }

    /** The end of what the caller wrote into {@link #buffer} from the position {@link #reserve} gave. */
    public void advance(int end) {
        if (end < pos || end > buf.length) {
            throw new IllegalStateException("end " + end + " outside " + pos + ".." + buf.length);
        }
        pos = end;
    }

    /** The delimiter as the bytes written between fields. */
    public byte[] delimiterBytes() {
        return String.valueOf(delimiterChar).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Bytes that need no quoting and no encoding (the caller's own ASCII constants, such as a
     * severity's id), as they are.
     */
    public CsvWriter ascii(byte[] text, boolean first) {
        if (!first) {
            writeDelimiter();
        }
        room(text.length);
        System.arraycopy(text, 0, buf, pos, text.length);
        pos += text.length;
        return this;
    }

    /** {@code x} as 16 lower-case hex digits, as {@link java.util.HexFormat#toHexDigits(long)} writes it. */
    public CsvWriter hex16(long x, boolean first) {
        if (!first) {
            writeDelimiter();
        }
        room(16);
        pos = putHex16(x, buf, pos);
        return this;
    }

    /** The same text as {@code String.format(Locale.ROOT, "%.2f", v)}, without the formatter. */
    public CsvWriter fixed2(double v, boolean first) {
        if (!first) {
            writeDelimiter();
        }
        room(NUMBER_ROOM);
        pos = Fixed2.write(v, buf, pos);
        return this;
    }

    public void endRow() {
        room(1);
        buf[pos++] = '\n';
    }

    public void flush() {
        try {
            if (pos > 0) {
                out.write(buf, 0, pos);
                pos = 0;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeDelimiter() {
        if (delimiter != 0) {
            room(1);
            buf[pos++] = delimiter;
        } else {
            utf8(String.valueOf(delimiterChar));
        }
    }

    private static int putLong(long v, byte[] buf, int pos) {
        if (v < 0) {
            buf[pos++] = '-';
            if (v == Long.MIN_VALUE) {
                String s = Long.toString(v);
                for (int i = 1; i < s.length(); i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
                return pos;
            }
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            return Shortest.digits((int) v, 0, buf, pos);
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        return end;
    }

    /**
     * A text field: copied byte by byte while it is ASCII and needs no quotes (the common case);
     * otherwise quoted and/or encoded as UTF-8 (unpaired surrogates as '?', as the JDK's encoder does).
     */
    private void text(String s) {
        int n = s.length();
        if (n == 0) {
            return;
        }
        boolean quote = s.charAt(0) == ' ' || s.charAt(n - 1) == ' ';
        if (!quote && n <= BUFFER / 4) {
            room(n);
            int start = pos;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c == delimiterChar || c == '"' || c == '\n' || c == '\r') {
                    pos = start;
                    slowText(s);
                    return;
                }
                buf[pos++] = (byte) c;
            }
            return;
        }
        slowText(s);
    }

    private void slowText(String s) {
        if (needsQuotes(s)) {
            room(1);
            buf[pos++] = '"';
            utf8(s.replace("\"", "\"\""));
            room(1);
            buf[pos++] = '"';
        } else {
            utf8(s);
        }
    }

    private void utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > buf.length - pos) {
            drain();
            if (b.length > buf.length) {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private boolean needsQuotes(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == delimiterChar || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Makes room for {@code n} more bytes, writing the buffer out when it is too full (n ≤ buffer size or n is a long ASCII text). */
    private void room(int n) {
        if (n > buf.length - pos) {
            drain();
            if (n > buf.length) {
                throw new IllegalStateException("field of " + n + " bytes is longer than the buffer");
            }
        }
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
            pos = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a whole frame (header + rows) to {@code target}, atomically; booleans as true/false. */
    public static void writeFrame(Frame frame, Path target, char delimiter) {
        AtomicFile.write(target, os -> {
            CsvWriter w = new CsvWriter(os, delimiter);
            w.writeRow(frame.schema().names().toArray(new String[0]));
            int cols = frame.columnCount();
            for (int r = 0; r < frame.rows(); r++) {
                for (int c = 0; c < cols; c++) {
                    w.field(frame.text(c, r), c == 0);
                }
                w.endRow();
            }
            w.flush();
        });
    }

    /**
     * {@link Double#toString(double)}'s text for the doubles that data files hold most: plain
     * notation (1e-3 ≤ |v| < 1e7) with at most 15 significant digits. Such a double is m / 10^k
     * with k as large as 15 digits allow, when that division gives it back exactly (m and 10^k
     * are exact doubles and the division is correctly rounded, so the decimal reads back as v);
     * with trailing zeros dropped it is the shortest decimal that does, and with at most 15 digits
     * no other decimal of that length reads back as v: the one Double.toString writes. Other
     * doubles (17 digits, very small or large) return -1.
     */
    static final class Shortest {
        private static final double[] POW10 = new double[18];   // 10^17 is an exact double
        private static final long[] LPOW10 = new long[18];

        static {
            long p = 1;
            for (int i = 0; i < POW10.length; i++) {
                POW10[i] = p;
                LPOW10[i] = p;
                p *= 10;
            }
        }

        private Shortest() {
        }

        static int write(double v, byte[] buf, int pos) {
            double a = Math.abs(v);
            if (!(a >= 1e-3 && a < 1e7)) {
                return -1;
            }
            int intDigits = a < 1 ? 0 : a < 10 ? 1 : a < 100 ? 2 : a < 1e3 ? 3 : a < 1e4 ? 4 : a < 1e5 ? 5 : a < 1e6 ? 6 : 7;
            // leading zeros after the point do not count as significant digits
            int zeros = a >= 0.1 || a < 1e-3 ? 0 : a >= 0.01 ? 1 : 2;
            int k = Math.min(15 - intDigits + zeros, POW10.length - 1);
            long m = Math.round(a * POW10[k]);
            if (m / POW10[k] != a) {
                return -1;   // needs more than 15 digits (a computed score, say)
            }
            // a * 10^k is within 0.2 of the integer m, so any shorter decimal that reads back as
            // a is m with trailing zeros dropped: drop them (keeping one decimal), 8, 4, 2, 1 at a
            // time: a few divisions instead of one per zero
            while (k > 8 && m % 100_000_000L == 0) {
                m /= 100_000_000L;
                k -= 8;
            }
            if (k > 4 && m % 10_000 == 0) {
                m /= 10_000;
                k -= 4;
            }
            if (k > 2 && m % 100 == 0) {
                m /= 100;
                k -= 2;
            }
            if (k > 1 && m % 10 == 0) {
                m /= 10;
                k--;
            }
            if (v < 0) {
                buf[pos++] = '-';
            }
            pos = digits((int) (m / LPOW10[k]), 0, buf, pos);   // below 10^7
            buf[pos++] = '.';
            long frac = m % LPOW10[k];
            if (k <= 8) {
                return digits((int) frac, k, buf, pos);
            }
            pos = digits((int) (frac / 100_000_000L), k - 8, buf, pos);
            return eight((int) (frac % 100_000_000L), buf, pos);
        }

        /** "00".."99": the two digits of every number below 100, for writing two at a time. */
        private static final byte[] PAIRS = new byte[200];

        static {
            for (int i = 0; i < 100; i++) {
                PAIRS[2 * i] = (byte) ('0' + i / 10);
                PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
            }
        }

        /**
         * "0000".."9999", four bytes each, and the digits of each number below 10^4 without its
         * leading zeros: a number below 10^4 is a copy of four bytes from its entry's last
         * {@code n} on (a read of up to three bytes into the next entry, hence the slack).
         */
        private static final byte[] QUADS = new byte[4 * 10_000 + 4];
        private static final byte[] LENGTH = new byte[10_000];

        static {
            // digit by digit, no division: this runs in the interpreter at every start
            int i = 0;
            for (int a = '0'; a <= '9'; a++) {
                for (int b = '0'; b <= '9'; b++) {
                    for (int c = '0'; c <= '9'; c++) {
                        byte n = (byte) (a != '0' ? 4 : b != '0' ? 3 : c != '0' ? 2 : 1);
                        for (int d = '0'; d <= '9'; d++, i++) {
                            QUADS[4 * i] = (byte) a;
                            QUADS[4 * i + 1] = (byte) b;
                            QUADS[4 * i + 2] = (byte) c;
                            QUADS[4 * i + 3] = (byte) d;
                            LENGTH[i] = n;
                        }
                    }
                }
            }
        }

        /**
         * The digits of {@code x} (≥ 0), left-padded with zeros to {@code width}; the caller leaves
         * room for three bytes past them, which may be overwritten. Below 10^8 (widths to 8) by
         * four-digit table entries, x / 10^4 as a multiplication and a shift: the quick compiler,
         * which runs most batch commands, would otherwise emit a division, and spends a loop turn
         * and a bounds check per digit counted.
         */
        static int digits(int x, int width, byte[] buf, int pos) {
            if (x < 10_000 && width <= 4) {
                // quad's body, written out: the quick compiler does not inline a method this long,
                // and this branch is taken for most whole numbers of a data file
                int n = LENGTH[x];
                if (n < width) {
                    n = width;
                }
                int from = 4 * x + 4 - n;
                buf[pos] = QUADS[from];
                buf[pos + 1] = QUADS[from + 1];
                buf[pos + 2] = QUADS[from + 2];
                buf[pos + 3] = QUADS[from + 3];
                return pos + n;
            }
            if (x < 100_000_000 && width <= 8) {
                int high = (int) ((x * 109_951_163L) >>> 40);   // x / 10^4, exact below 4.9e8
                pos = quad(high, width > 4 ? width - 4 : 0, buf, pos);
                return quad(x - high * 10_000, 4, buf, pos);
            }
            return slowDigits(x, width, buf, pos);
        }

        /** {@code x} (below 10^8) as exactly eight digits: one call for the eight (a score's fraction is two or three such). */
        static int eight(int x, byte[] buf, int pos) {
            int high = (int) ((x * 109_951_163L) >>> 40);   // x / 10^4, exact below 4.9e8
            int h = 4 * high;
            int l = 4 * (x - high * 10_000);
            byte[] quads = QUADS;
            buf[pos] = quads[h];
            buf[pos + 1] = quads[h + 1];
            buf[pos + 2] = quads[h + 2];
            buf[pos + 3] = quads[h + 3];
            buf[pos + 4] = quads[l];
            buf[pos + 5] = quads[l + 1];
            buf[pos + 6] = quads[l + 2];
            buf[pos + 7] = quads[l + 3];
            return pos + 8;
        }

        private static int quad(int x, int width, byte[] buf, int pos) {
            int n = LENGTH[x];
            if (n < width) {
                n = width;
            }
            int from = 4 * x + 4 - n;
            buf[pos] = QUADS[from];
            buf[pos + 1] = QUADS[from + 1];
            buf[pos + 2] = QUADS[from + 2];
            buf[pos + 3] = QUADS[from + 3];
            return pos + n;
        }

        /**
         * The digits of {@code x} (≥ 0), left-padded with zeros to {@code width}. Divides by 100 as
         * a multiplication and a shift (exact below 2^32): the quick compiler, which runs most
         * batch commands, would otherwise emit a division instruction for every two digits.
         */
        private static int slowDigits(int x, int width, byte[] buf, int pos) {
            int n = 1;
            while (n < 10 && x >= IPOW10[n]) {
                n++;
            }
            n = Math.max(n, width);
            int i = pos + n;
            int end = i;
            while (i - pos >= 2) {
                int q = (int) ((x * 1374389535L) >>> 37);   // x / 100
                int two = (x - q * 100) * 2;
                buf[--i] = PAIRS[two + 1];
                buf[--i] = PAIRS[two];
                x = q;
            }
            if (i > pos) {
                buf[--i] = (byte) ('0' + x % 10);
            }
            return end;
        }

        private static final int[] IPOW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};
    }

    /**
     * {@code %.2f} of {@link java.util.Formatter} without the formatter. The Formatter (JDK 21 on,
     * {@code jdk.internal.math.FormattedFPDecimal}) rounds half-up the decimal d that
     * {@link Double#toString(double)} selects; multiplying by 100 and rounding gives the same digits
     * whenever the scaled value is not within rounding error of a tie (…5 in the third decimal),
     * which is nearly always. A near-tie is decided exactly ({@link #nearTie}); a non-finite value
     * or one ≥ 10^9 goes through String.format itself, so the text is the same in every case.
     */
    static final class Fixed2 {
        private static final double LIMIT = 1e9;
        /**
         * In hundredths: far above the error of v * 100 below LIMIT (an ulp of 1e11 is 1.5e-5) and
         * of the shortest decimal (half an ulp of v), far below 0.5.
         */
        private static final double TIE_MARGIN = 1e-3;
        /**
         * The margin below 1e6 (risks are 0-100): v * 100 is then off by at most half an ulp of
         * 1e8 (7.5e-9) and the shortest decimal by half an ulp of v times 100 (5.8e-9), so 1e-7
         * still covers both, and String.format (slow under the quick compiler) is called for
         * 2e-7 of the values instead of 2e-3.
         */
        private static final double SMALL_TIE_MARGIN = 1e-7;

        private Fixed2() {
        }

        static int write(double v, byte[] buf, int pos) {
            double a = Math.abs(v);
            if (!(a < LIMIT)) {
                return copy(String.format(Locale.ROOT, "%.2f", v), buf, pos);
            }
            double scaled = a * 100;
            double floor = (double) (long) scaled;   // Math.floor of a value in [0, 1e11), without the call
            double frac = scaled - floor;
            long cents = (long) floor;
            if (Math.abs(frac - 0.5) < (a < 1e6 ? SMALL_TIE_MARGIN : TIE_MARGIN)) {
                cents += nearTie(a, cents);
            } else if (frac > 0.5) {
                cents++;
            }
            if (v < 0 || (v == 0 && 1 / v < 0)) {
                buf[pos++] = '-';
            }
            int whole = (int) (cents / 100);   // below 1e9
            pos = Shortest.digits(whole, 0, buf, pos);
            buf[pos++] = '.';
            return Shortest.digits((int) (cents - whole * 100L), 2, buf, pos);
        }

        /**
         * 1 when a (≥ 0, below 10^9), within the margin of the tie D = (c + 1/2) / 100, rounds up to
         * c + 1 hundredths in %.2f, else 0; without the formatter, whose first call costs
         * milliseconds under the quick compiler. t = (2c + 1) / 200 as a double division is the
         * double nearest D (both operands exact below 2^53, the quotient correctly rounded).
         * <ul>
         * <li>a == t: D reads back as a, and no other decimal of as few digits lies within an ulp
         * of a (they are 10^-3 apart, or 10^-4 for D = 0.005, whose length-two neighbours
         * Double.toString would also consider), so d = D, a tie, rounded up.
         * <li>a != t: D does not read back as a, so every decimal that does, d among them, lies on
         * a's side of D (they form an interval around a). a > t means D ≤ the midpoint of t and
         * its successor < a: d > D, up; a < t likewise: d < D, down. d is within an ulp of a, far
         * from the neighbouring ties, so it rounds to c or c + 1.
         * </ul>
         */
        static int nearTie(double a, long c) {
            return a >= (2 * c + 1) / 200.0 ? 1 : 0;
        }

        private static int copy(String s, byte[] buf, int pos) {
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return pos;
        }
    }
}
