package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.util.Parallel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a delimited text file (CSV, TSV, ...; plain or gzip-compressed, UTF-8) into a
 * {@link Frame}. The first non-empty line is the header. Column types are inferred unless
 * {@link CsvOptions} forces them; every field gets the role FEATURE (the pipeline assigns roles).
 * What is accepted and the shape of every error are documented in {@code docs/input.md}.
 *
 * <p>How it stays fast: the whole file is held as bytes, one pass splits it into fields and
 * records only where each ends (an int per field), then each column is typed and parsed straight
 * from the bytes (numbers without a String; a String only per distinct categorical value),
 * columns in parallel. Results do not depend on the thread count; when several columns hold
 * errors, the one earliest in the file is reported.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * Below this many fields, columns are parsed on the caller's thread. A later block of
     * {@link CsvBlockReader} (about 1 MiB of values: 131,072 fields) is parsed on two, so that
     * the read of a file is not one thread's work while the other core waits for it (docs/benchmarks.md,
     * "Parsing blocks on two threads").
     */
    static final long PARALLEL_FROM_FIELDS = 65_536;

    static final String WHAT = "a CSV file with a header row and data rows";

    /** Reads {@code path} into a frame. Every problem with the input is an {@link InputException}. */
    public static Frame read(Path path, CsvOptions options) {
        return readTable(path, options).frame();
    }

    /** {@link #read(Path, CsvOptions)} with the default options. */
    public static Frame read(Path path) {
        return read(path, CsvOptions.DEFAULTS);
    }

    /** Reads {@code path} and keeps the line on which each row starts. */
    public static CsvTable readTable(Path path, CsvOptions options) {
        InputBytes bytes;
        try {
            bytes = InputBytes.read(path, WHAT);
        } catch (InputBytes.TooLarge e) {
            return readInBlocks(path, options);
        }
        return readTable(bytes, options, Parallel.defaultThreads());
    }

    /**
     * A file over 2 GiB (uncompressed), which does not fit in one array: read by
     * {@link CsvBlockReader} and its blocks joined, so only the columns are held (8 bytes a
     * number, 4 a category code). Column types the options do not force are then inferred from
     * the first block (docs/input.md, "Files of any size").
     */
    static CsvTable readInBlocks(Path path, CsvOptions options) {
        try (CsvBlockReader reader = CsvBlockReader.open(path, options, CsvBlockReader.DEFAULT_BLOCK_ROWS)) {
            FrameBuilder joined = null;
            int[] lines = new int[0];
            int rows = 0;
            for (CsvTable block = reader.next(); block != null; block = reader.next()) {
                if (joined == null) {
                    joined = new FrameBuilder(block.frame());
                }
                joined.add(block.frame());
                int n = block.frame().rows();
                if (rows + (long) n > Integer.MAX_VALUE - 16) {
                    throw new InputException(InputLocation.line(path.toString(), block.rowLines()[0]),
                            "more than 2,147,483,631 rows; split the file");
                }
                if (lines.length < rows + n) {
                    lines = Arrays.copyOf(lines, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(rows + n, lines.length * 3L / 2)));
                }
                System.arraycopy(block.rowLines(), 0, lines, rows, n);
                rows += n;
            }
            return new CsvTable(joined.build(), path.toString(), reader.delimiter(), Arrays.copyOf(lines, rows));
        }
    }

    /** Reads CSV content (plain or gzip) held in memory; {@code name} stands for the file in messages. */
    public static CsvTable readBytes(String name, byte[] content, CsvOptions options) {
        return readTable(InputBytes.fromBytes(name, content, WHAT), options, Parallel.defaultThreads());
    }

    static CsvTable readTable(InputBytes input, CsvOptions options, int threads) {
        byte delimiter = options.delimiter() != null ? (byte) options.delimiter().charValue() : DelimiterSniffer.detect(input);
        CsvTokens tokens = CsvTokenizer.tokenize(input, delimiter);
        int cols = tokens.header.length;
        ColumnType[] forced = new ColumnType[cols];
        String[] reasons = new String[cols];
        for (int c = 0; c < cols; c++) {
            forced[c] = options.forcedType(tokens.header[c]);
            reasons[c] = options.forcedReason(tokens.header[c]);
        }
        Frame frame = parseColumns(tokens, forced, reasons, threads);
        int[] lines = Arrays.copyOf(tokens.rowLines, tokens.rows);
        return new CsvTable(frame, input.file(), (char) delimiter, lines);
    }

    /**
     * Types and parses every column of tokenised rows ({@code forced[c]} null = infer), columns
     * in parallel when there is enough work; the error earliest in the file wins.
     */
    static Frame parseColumns(CsvTokens tokens, ColumnType[] forced, String[] reasons, int threads) {
        int cols = tokens.header.length;
        ColumnParser.Parsed[] parsed = new ColumnParser.Parsed[cols];
        InputException[] errors = new InputException[cols];
        // threads only pay off once there is real work per column
        int useThreads = (long) tokens.rows * cols < PARALLEL_FROM_FIELDS ? 1 : threads;
        Parallel.forRange(cols, useThreads, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                try {
                    parsed[c] = ColumnParser.parse(tokens, c, forced[c], reasons[c]);
                } catch (InputException e) {
                    errors[c] = e;
                }
            }
        });
        InputException first = earliest(errors);
        if (first != null) {
            throw first;
        }
        List<Field> fields = new ArrayList<>(cols);
        List<Column> columns = new ArrayList<>(cols);
        for (ColumnParser.Parsed p : parsed) {
            fields.add(new Field(p.column().name(), p.type(), ColumnRole.FEATURE));
            columns.add(p.column());
        }
        return new Frame(new Schema(fields), columns);
    }

    /** The error that comes first in the file (by line, then column), so the thread count does not matter. */
    private static InputException earliest(InputException[] errors) {
        InputException first = null;
        for (InputException e : errors) {
            if (e != null && (first == null || before(e, first))) {
                first = e;
            }
        }
        return first;
    }

    private static boolean before(InputException a, InputException b) {
        long la = a.location().line();
        long lb = b.location().line();
        return la != lb ? la < lb : a.location().column() < b.location().column();
    }
}
