package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Frame;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes CSV rows, quoting a field (RFC 4180) only when it holds the delimiter, a quote, a line
 * break or leading/trailing spaces. Lines end with \n.
 */
public final class CsvWriter {
    private final Writer out;
    private final char delimiter;

    public CsvWriter(OutputStream out, char delimiter) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.delimiter = delimiter;
    }

    /** Writes one row. */
    public void writeRow(String... fields) {
        try {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.write(delimiter);
                }
                writeField(fields[i]);
            }
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a row field by field: call {@link #field} for each, then {@link #endRow}. */
    public CsvWriter field(String value, boolean first) {
        try {
            if (!first) {
                out.write(delimiter);
            }
            writeField(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void endRow() {
        try {
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeField(String s) throws IOException {
        if (s == null) {
            return;
        }
        if (needsQuotes(s)) {
            out.write('"');
            out.write(s.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(s);
        }
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
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
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
}
