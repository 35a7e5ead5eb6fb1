package io.sentinelrisk.core.io;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits CSV bytes into fields (RFC 4180: quoted fields, doubled quotes, delimiters and line
 * breaks inside quotes; LF, CRLF or CR line ends) in one pass, checking UTF-8 as it goes and
 * recording only where each field ends. Spaces and tabs around a quoted field are allowed;
 * lines that are empty or hold only spaces and tabs are skipped.
 */
final class CsvTokenizer {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LF_WORD = ONES * '\n';
    private static final long CR_WORD = ONES * '\r';

    private final InputBytes input;
    private final long delimWord;
    private final byte[] b;
    private final int limit;
    private final byte delim;
    private final String file;
    /** False when more input follows {@code limit} (a window of a stream): a row cut there is not complete. */
    private final boolean eof;
    private int pos;
    private int line;

    /**
     * Thrown when a window of a stream ends inside a row (or a line break): the rows before it
     * are complete, the rest waits for more input. Preallocated, without a stack trace.
     */
    static final class NeedMore extends RuntimeException {
        static final NeedMore INSTANCE = new NeedMore();

        private NeedMore() {
            super("need more input", null, false, false);
        }
    }

    private CsvTokenizer(InputBytes input, byte delimiter, boolean eof, int firstLine) {
        this.input = input;
        this.b = input.bytes();
        this.limit = input.limit();
        this.delim = delimiter;
        this.delimWord = ONES * (delimiter & 0xFF);
        this.file = input.file();
        this.eof = eof;
        this.pos = input.start();
        this.line = firstLine;
    }

    static CsvTokens tokenize(InputBytes input, byte delimiter) {
        return new CsvTokenizer(input, delimiter, true, 1).run();
    }

    /** The header of a stream's first window, and where the data rows start. */
    record Header(String[] names, int end, int nextLine) {
    }

    /**
     * Reads the header row at the start of a window (blank lines before it skipped); throws
     * {@link NeedMore} when the window ends inside it and {@code eof} is false.
     */
    static Header header(InputBytes window, byte delimiter, boolean eof) {
        CsvTokenizer t = new CsvTokenizer(window, delimiter, eof, 1);
        t.skipBlankLines();
        if (t.pos >= t.limit && !eof) {
            throw NeedMore.INSTANCE;
        }
        String[] names = t.readHeader();
        return new Header(names, t.pos, t.line);
    }

    /** Complete rows at the start of a window, and where the next block starts. */
    record Block(CsvTokens tokens, int end, int nextLine) {
    }

    /**
     * Splits at most {@code maxRows} complete rows off the start of a window, into the given
     * arrays (reused from block to block, each at least {@code maxRows} long). Rows cut by the
     * window's end are left for the next window unless {@code eof}; a window too short for one
     * row gives a block of 0 rows.
     */
    static Block block(InputBytes window, byte delimiter, boolean eof, int firstLine, String[] header, int maxRows,
                       int[] rowStarts, int[] rowLines, int[][] ends) {
        CsvTokenizer t = new CsvTokenizer(window, delimiter, eof, firstLine);
        int cols = header.length;
        int rows = 0;
        int end = t.pos;
        int endLine = t.line;
        try {
            while (rows < maxRows) {
                t.skipBlankLines();
                if (t.pos >= t.limit) {
                    if (eof) {
                        end = t.pos;
                        endLine = t.line;
                    }
                    break;
                }
                t.row(rows, cols, rowStarts, rowLines, ends);
                rows++;
                end = t.pos;
                endLine = t.line;
            }
        } catch (NeedMore more) {
            // the rows before the cut stand; the cut one is read again from the next window
        }
        return new Block(new CsvTokens(window, delimiter, header, rows, rowStarts, rowLines, ends), end, endLine);
    }

    /** Reads data row {@code r} at {@code pos} into the arrays; a ragged row is an error. */
    private void row(int r, int cols, int[] rowStarts, int[] rowLines, int[][] ends) {
        rowStarts[r] = pos;
        int rowLine = line;
        rowLines[r] = rowLine;
        int col = 0;
        while (true) {
            scanField(col);
            if (col < cols) {
                ends[col][r] = pos;
            }
            col++;
            if (pos >= limit) {
                if (!eof) {
                    throw NeedMore.INSTANCE;
                }
                break;
            }
            byte c = b[pos++];
            if (c != delim) {
                endLine(c);
                break;
            }
        }
        if (col != cols) {
            throw new InputException(InputLocation.line(file, rowLine), "line " + rowLine + " has " + col
                + (col == 1 ? " field" : " fields") + ", the header has " + cols
                + (col > cols ? "; quote values that contain the delimiter (" + Messages.delimiterName(delim) + ")" : ""));
        }
    }

    private CsvTokens run() {
        skipBlankLines();
        int headerStart = pos;
        String[] header = readHeader();
        int headerBytes = Math.max(1, pos - headerStart);
        skipBlankLines();
        if (pos >= limit) {
            throw new InputException(InputLocation.file(file),
                "has a header but no data rows; expected at least one row of values after the header");
        }
        int cols = header.length;
        int capacity = estimateRows(headerBytes);
        int[] rowStarts = new int[capacity];
        int[] rowLines = new int[capacity];
        int[][] ends = new int[cols][capacity];
        int rows = 0;
        while (true) {
            skipBlankLines();
            if (pos >= limit) {
                break;
            }
            if (rows == capacity) {
                capacity = grow(capacity);
                rowStarts = Arrays.copyOf(rowStarts, capacity);
                rowLines = Arrays.copyOf(rowLines, capacity);
                for (int c = 0; c < cols; c++) {
                    ends[c] = Arrays.copyOf(ends[c], capacity);
                }
            }
            row(rows, cols, rowStarts, rowLines, ends);
            rows++;
        }
        return new CsvTokens(input, delim, header, rows, rowStarts, rowLines, ends);
    }

    private String[] readHeader() {
        List<String> names = new ArrayList<>();
        int headerLine = line;
        while (true) {
            int start = pos;
            scanField(names.size());
            names.add(FieldText.decode(b, start, pos, delim));
            if (pos >= limit) {
                if (!eof) {
                    throw NeedMore.INSTANCE;
                }
                break;
            }
            byte c = b[pos++];
            if (c != delim) {
                endLine(c);
                break;
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (name.isEmpty()) {
                throw new InputException(new InputLocation(file, headerLine, i + 1),
                    "column " + (i + 1) + " has a blank name in the header; every column needs a name");
            }
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                throw new InputException(new InputLocation(file, headerLine, i + 1),
                    "duplicate column name " + Messages.quote(name) + " at columns " + (first + 1) + " and " + (i + 1)
                        + "; column names must be unique");
            }
            names.set(i, name);
        }
        return names.toArray(new String[0]);
    }

    /** Moves {@code pos} to the byte that ends field number {@code col} (0-based). */
    private void scanField(int col) {
        int i = pos;
        while (i < limit && isPad(b[i])) {
            i++;
        }
        if (i < limit && b[i] == '"') {
            pos = scanQuoted(i, col);
            return;
        }
        if (i >= limit && !eof) {
            throw NeedMore.INSTANCE;   // only padding so far: the field may yet turn out quoted
        }
        i = pos;
        while (true) {
            // skip eight plain bytes at a time: none is the delimiter, a line break or non-ASCII
            while (i <= limit - 8) {
                long w = (long) LONGS.get(b, i);
                long hits = zeroBytes(w ^ delimWord) | zeroBytes(w ^ LF_WORD) | zeroBytes(w ^ CR_WORD) | (w & HIGH_BITS);
                if (hits != 0) {
                    i += lowestByte(hits);
                    break;
                }
                i += 8;
            }
            if (i >= limit) {
                break;
            }
            byte c = b[i];
            if (c == delim || c == '\n' || c == '\r') {
                break;
            }
            if (c >= 0) {
                i++;
            } else {
                i = utf8(i, col);
            }
        }
        pos = i;
    }

    /**
     * The index (0-7) of the lowest byte whose high bit {@code highBits} has set (only high bits
     * set, at least one): its lowest bit alone, moved to the bottom of its byte, times a constant
     * whose byte {@code 7 - k} is {@code k}, leaves {@code k} in the top byte. The quick compiler
     * (C1) calls {@link Long#numberOfTrailingZeros} as Java code with branches; this is one multiply.
     */
    static int lowestByte(long highBits) {
        return (int) ((((highBits & -highBits) >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /**
     * The high bit of each byte of {@code x} that is zero (exact for the lowest such byte, which
     * is all the scan uses; it rechecks that byte anyway).
     */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH_BITS;
    }

    /** Scans the quoted field whose opening quote is at {@code open}; returns the end position. */
    private int scanQuoted(int open, int col) {
        int startLine = line;
        int i = open + 1;
        while (true) {
            if (i >= limit) {
                if (!eof) {
                    throw NeedMore.INSTANCE;
                }
                throw new InputException(new InputLocation(file, startLine, col + 1),
                    "the quoted field that starts here is never closed; add the closing quote (\") or double quotes inside it (\"\")");
            }
            byte c = b[i];
            if (c == '"') {
                if (i + 1 >= limit && !eof) {
                    throw NeedMore.INSTANCE;   // a doubled quote may be cut in two
                }
                if (i + 1 < limit && b[i + 1] == '"') {
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= limit || b[i + 1] != '\n') {
                    line++;
                }
                i++;
            } else if (c >= 0) {
                i++;
            } else {
                i = utf8(i, col);
            }
        }
        while (i < limit && isPad(b[i])) {
            i++;
        }
        if (i >= limit && !eof) {
            throw NeedMore.INSTANCE;
        }
        if (i < limit) {
            byte c = b[i];
            if (c != delim && c != '\n' && c != '\r') {
                throw new InputException(new InputLocation(file, line, col + 1),
                    "unexpected " + Messages.quote(charAt(i)) + " after the closing quote of field " + (col + 1)
                        + "; a quoted field ends at the delimiter (" + Messages.delimiterName(delim)
                        + ") or the line end, and a quote inside it is written twice (\"\")");
            }
        }
        return i;
    }

    private int utf8(int i, int col) {
        int next = Utf8.next(b, i, limit);
        if (next == Utf8.INVALID && !eof && i + 4 > limit) {
            throw NeedMore.INSTANCE;   // a character cut by the window's end
        }
        if (next == Utf8.INVALID) {
            throw new InputException(new InputLocation(file, line, col + 1), String.format(
                "invalid UTF-8 (byte 0x%02X) in field %d; the file must be UTF-8: re-save it as UTF-8", b[i] & 0xFF, col + 1));
        }
        return next;
    }

    /** Called after the line-break byte {@code c} at {@code pos - 1} was consumed. */
    private void endLine(byte c) {
        if (c == '\r' && pos >= limit && !eof) {
            throw NeedMore.INSTANCE;   // a CR LF cut in two
        }
        if (c == '\r' && pos < limit && b[pos] == '\n') {
            pos++;
        }
        line++;
    }

    /** Skips lines that are empty or hold only spaces and tabs (not delimiters). */
    private void skipBlankLines() {
        while (pos < limit) {
            int i = pos;
            while (i < limit && isPad(b[i])) {
                i++;
            }
            if (i == limit) {
                pos = i;
                return;
            }
            byte c = b[i];
            if (c != '\n' && c != '\r') {
                return;
            }
            pos = i + 1;
            endLine(c);
        }
    }

    private boolean isPad(byte c) {
        return (c == ' ' || c == '\t') && c != delim;
    }

    private String charAt(int i) {
        int next = b[i] >= 0 ? i + 1 : Utf8.next(b, i, limit);
        return next == Utf8.INVALID ? String.format("\\x%02X", b[i] & 0xFF) : new String(b, i, next - i, StandardCharsets.UTF_8);
    }

    /**
     * Rows still to come, guessed from the line breaks in the next 64 KiB (rows are usually alike
     * in length), so that the offset arrays rarely need to grow or hold much slack.
     */
    private int estimateRows(int headerBytes) {
        long remaining = limit - (long) pos;
        int sample = (int) Math.min(remaining, 1 << 16);
        int breaks = 0;
        for (int i = pos; i < pos + sample; i++) {
            if (b[i] == '\n') {
                breaks++;
            }
        }
        double bytesPerRow = breaks > 0 ? (double) sample / breaks : Math.max(headerBytes, sample);
        return (int) Math.min(Integer.MAX_VALUE - 16, (long) (remaining / bytesPerRow * 1.05) + 16);
    }

    private static int grow(int capacity) {
        long next = capacity + (capacity >> 1) + 16L;
        if (capacity >= Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("too many rows");
        }
        return (int) Math.min(next, Integer.MAX_VALUE - 16);
    }
}
