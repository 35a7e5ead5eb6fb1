package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.util.Parallel;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a delimited text file block by block, so that a file of any size is read in the memory
 * of one block: the same format, the same types and the same error messages as
 * {@link CsvReader} (docs/input.md), without holding the file. The bytes stream through one
 * buffer (gzip decompressed on the way); each call to {@link #next} splits off up to
 * {@code blockRows} complete rows (a row cut by the buffer's end waits for the next read) and
 * parses them into a frame; blocks after the first hold fewer rows when {@code blockRows} rows
 * would hold more than about {@link #LATER_BLOCK_BYTES} of values.
 *
 * <p>Types: a column the options force (the model's types at score time, the config's, the
 * label column as text) is read with that type in every block. A column they do not name is
 * inferred from the first block and then read with that type; a later value that does not fit
 * is an error naming the place (the whole-file reader would have inferred over every row).
 *
 * <p>Not thread-safe; columns of a block are parsed on {@code threads} threads.
 */
public final class CsvBlockReader implements AutoCloseable {
    /** Rows per block by default: 64 Ki rows of 10 numeric columns are about 5 MB of doubles. */
    public static final int DEFAULT_BLOCK_ROWS = 1 << 16;

    /**
     * Values per block after the first, in bytes (8 a number, time or category code): blocks of
     * 64 Ki rows of 10 columns, three of them in flight while a command reads, scores and writes,
     * outlived the collector's young generation and were copied into the old one, where they
     * stayed as garbage (peak RSS). The first block, from which column types are inferred, keeps
     * {@code blockRows} rows.
     */
    static final int LATER_BLOCK_BYTES = 1 << 20;

    /** The fewest rows of a later block (unless {@code blockRows} is smaller): per-block costs stay small. */
    static final int MIN_LATER_BLOCK_ROWS = 4096;

    /**
     * The most bytes asked of the stream at a time. A file's stream copies through a native buffer
     * as large as the request, which above ~128 KiB is memory mapped afresh, page-faulted and
     * unmapped at every read: 8 MiB at a time, that was 2,048 page faults per fill (about a third
     * of a cover `score`'s), the first of them before any row is parsed.
     */
    static final int READ_CHUNK_BYTES = 1 << 16;

    /** First size of the byte buffer; it grows only for a row longer than what it holds. */
    static final int BUFFER_BYTES = 1 << 23;

    private final String file;
    private final InputStream in;
    private final CsvOptions options;
    private final int blockRows;
    private final int threads;
    private byte[] buf;
    private int from;
    private int filled;
    private boolean eof;
    private int line;
    private byte delimiter;
    private String[] header;
    private ColumnType[] types;
    private String[] reasons;
    private long rowsRead;
    private int[] rowStarts;
    private int[] rowLines;
    private int[][] ends;
    private int blockBytes;   // the bytes of the last block returned

    private CsvBlockReader(String file, InputStream in, CsvOptions options, int blockRows, int threads, int bufferBytes) {
        this.file = file;
        this.in = in;
        this.options = options;
        this.blockRows = blockRows;
        this.threads = threads;
        this.buf = new byte[bufferBytes];
    }

    /** Opens {@code path} and reads its header; every problem a user can cause is an {@link InputException}. */
    public static CsvBlockReader open(Path path, CsvOptions options, int blockRows) {
        return open(path, options, blockRows, Parallel.defaultThreads(), BUFFER_BYTES);
    }

    /** {@link #open(Path, CsvOptions, int)} parsing each block's columns on {@code threads} threads. */
    public static CsvBlockReader open(Path path, CsvOptions options, int blockRows, int threads) {
        return open(path, options, blockRows, threads, BUFFER_BYTES);
    }

    static CsvBlockReader open(Path path, CsvOptions options, int blockRows, int threads, int bufferBytes) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be at least 1, got " + blockRows);
        }
        String name = path.toString();
        InputLocation where = InputLocation.file(name);
        if (Files.isDirectory(path)) {
            throw new InputException(where, "is a directory; expected " + CsvReader.WHAT);
        }
        if (!Files.exists(path)) {
            throw new InputException(where, "file not found; expected " + CsvReader.WHAT);
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new InputException(where, "file not found; expected " + CsvReader.WHAT, e);
        } catch (AccessDeniedException e) {
            throw new InputException(where, "cannot read the file: permission denied", e);
        } catch (IOException e) {
            throw new InputException(where, "cannot read the file: " + e.getMessage(), e);
        }
        CsvBlockReader reader = null;
        try {
            InputStream in = gunzipIfGzip(raw, where);
            reader = new CsvBlockReader(name, in, options, blockRows, threads, Math.max(bufferBytes, 64));
            reader.start();
            return reader;
        } catch (RuntimeException | Error e) {
            closeQuietly(reader == null ? raw : reader.in);
            throw e;
        }
    }

    /** The column names, in file order. */
    public List<String> header() {
        return List.of(header);
    }

    /** The delimiter (given or detected). */
    public char delimiter() {
        return (char) delimiter;
    }

    /** Data rows returned so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * The next block of rows, with the line on which each starts, or null after the last.
     * An error names the file, line and column as {@link CsvReader} does.
     */
    public CsvTable next() {
        if (types != null && !eof && filled - from < Math.min(blockBytes + blockBytes / 4, buf.length / 2)) {
            // a later block cut short where the buffer ends would be a block of another size, for
            // which the steps downstream allocate afresh what they reuse from block to block: read
            // on first when what is left may not hold a whole block (never growing the buffer)
            fill();
        }
        while (true) {
            InputBytes window = new InputBytes(file, buf, from, filled);
            CsvTokenizer.Block block = CsvTokenizer.block(window, delimiter, eof, line, header, rowStarts.length,
                    rowStarts, rowLines, ends);
            CsvTokens tokens = block.tokens();
            if (tokens.rows > 0 || eof) {
                if (tokens.rows == 0) {
                    if (rowsRead == 0) {
                        throw new InputException(InputLocation.file(file),
                                "has a header but no data rows; expected at least one row of values after the header");
                    }
                    return null;
                }
                boolean first = types == null;
                Frame frame = first ? firstBlock(tokens) : CsvReader.parseColumns(tokens, types, reasons, threads);
                int[] lines = Arrays.copyOf(tokens.rowLines, tokens.rows);
                if (first) {
                    sizeRowArrays(laterBlockRows(blockRows, header.length));
                }
                blockBytes = block.end() - from;
                from = block.end();
                line = block.nextLine();
                rowsRead += tokens.rows;
                return new CsvTable(frame, file, (char) delimiter, lines);
            }
            // not one whole row in the buffer: keep what is there and read more
            fill();
        }
    }

    /**
     * Parses the first block: the types the options force, the others inferred from it — the
     * types every later block is read with.
     */
    private Frame firstBlock(CsvTokens tokens) {
        int cols = header.length;
        ColumnType[] forced = new ColumnType[cols];
        String[] why = new String[cols];
        for (int c = 0; c < cols; c++) {
            forced[c] = options.forcedType(header[c]);
            why[c] = options.forcedReason(header[c]);
        }
        Frame first = CsvReader.parseColumns(tokens, forced, why, threads);
        for (int c = 0; c < cols; c++) {
            if (forced[c] == null) {
                forced[c] = first.schema().field(c).type();
                why[c] = "the first " + tokens.rows + " rows of " + Messages.name(header[c]) + " read as " + forced[c].id();
            }
        }
        types = forced;
        reasons = why;
        return first;
    }

    private void start() {
        fill();
        skipBomAndCheck();
        delimiter = options.delimiter() != null ? (byte) options.delimiter().charValue()
                : DelimiterSniffer.detect(new InputBytes(file, buf, from, filled));
        while (true) {
            try {
                CsvTokenizer.Header h = CsvTokenizer.header(new InputBytes(file, buf, from, filled), delimiter, eof);
                header = h.names();
                from = h.end();
                line = h.nextLine();
                break;
            } catch (CsvTokenizer.NeedMore more) {
                fill();
            }
        }
        sizeRowArrays(blockRows);
    }

    /** The rows of each block after the first: {@code blockRows}, or fewer to keep a block's values near {@link #LATER_BLOCK_BYTES}. */
    static int laterBlockRows(int blockRows, int columns) {
        int byBytes = Math.max(MIN_LATER_BLOCK_ROWS, LATER_BLOCK_BYTES / (Double.BYTES * Math.max(1, columns)));
        return Math.min(blockRows, byBytes);
    }

    /** The tokenizer's arrays, for blocks of up to {@code rows} rows (their length is the block limit). */
    private void sizeRowArrays(int rows) {
        if (rowStarts != null && rowStarts.length == rows) {
            return;
        }
        rowStarts = new int[rows];
        rowLines = new int[rows];
        ends = new int[header.length][rows];
    }

    /** Skips a UTF-8 byte-order mark; refuses UTF-16 and a file with nothing but blank lines. */
    private void skipBomAndCheck() {
        InputLocation where = InputLocation.file(file);
        int n = filled - from;
        byte[] b = buf;
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            from = 3;
        } else if (n >= 2 && (((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) || ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF))) {
            throw new InputException(where, "the file is UTF-16; save it as UTF-8");
        }
        while (true) {
            int i = from;
            while (i < filled && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
                i++;
            }
            if (i < filled) {
                return;
            }
            if (eof) {
                throw new InputException(where, "the file is empty; expected " + CsvReader.WHAT);
            }
            from = i;   // only blank bytes so far: they can go
            fill();
            b = buf;
        }
    }

    /**
     * Moves the unread bytes to the front of the buffer (growing it when they fill it) and reads
     * until the buffer is full or the input ends.
     */
    private void fill() {
        if (eof) {
            throw new IllegalStateException("fill after the end of input");
        }
        int keep = filled - from;
        if (keep >= buf.length / 2) {
            if (buf.length >= Integer.MAX_VALUE - 64) {
                throw new InputException(InputLocation.line(file, line),
                        "a row starting on this line is longer than 2 GiB; check the quoting of the file");
            }
            byte[] bigger = new byte[(int) Math.min((long) buf.length * 2, Integer.MAX_VALUE - 64)];
            System.arraycopy(buf, from, bigger, 0, keep);
            buf = bigger;
        } else if (from > 0) {
            System.arraycopy(buf, from, buf, 0, keep);
        }
        from = 0;
        filled = keep;
        try {
            while (filled < buf.length) {
                int r = in.read(buf, filled, Math.min(READ_CHUNK_BYTES, buf.length - filled));
                if (r < 0) {
                    eof = true;
                    break;
                }
                filled += r;
            }
        } catch (IOException e) {
            throw readError(e);
        }
    }

    private InputException readError(IOException e) {
        InputLocation where = InputLocation.file(file);
        if (in instanceof GZIPInputStream) {
            String why = e instanceof EOFException ? "it ends too early"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new InputException(where, "the file starts like gzip but cannot be decompressed (" + why
                    + "); check that it is a complete .gz file", e);
        }
        return new InputException(where, "cannot read the file: " + e.getMessage(), e);
    }

    /** The stream decompressed when it starts with gzip's magic bytes, else as it is. */
    private static InputStream gunzipIfGzip(InputStream raw, InputLocation where) {
        try {
            java.io.PushbackInputStream p = new java.io.PushbackInputStream(raw, 2);
            byte[] magic = new byte[2];
            int n = p.readNBytes(magic, 0, 2);
            if (n > 0) {
                p.unread(magic, 0, n);
            }
            if (n == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
                try {
                    return new GZIPInputStream(p, 1 << 16);
                } catch (IOException e) {
                    String why = e instanceof EOFException ? "it ends too early"
                            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    throw new InputException(where, "the file starts like gzip but cannot be decompressed (" + why
                            + "); check that it is a complete .gz file", e);
                }
            }
            return p;
        } catch (IOException e) {
            throw new InputException(where, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing after a failure: the failure is what the user needs to see
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }
}
