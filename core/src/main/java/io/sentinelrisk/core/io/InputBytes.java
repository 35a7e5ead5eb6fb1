package io.sentinelrisk.core.io;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a text input file, whole, in memory: gzip is recognised by its magic bytes and
 * decompressed, a UTF-8 byte-order mark is skipped. Holding the file in one array lets the CSV
 * tokenizer work on offsets instead of making a String per field.
 *
 * @param file  the file's name as the user gave it, for messages
 * @param bytes the content; valid bytes are {@code [start, limit)}
 */
record InputBytes(String file, byte[] bytes, int start, int limit) {

    /** The largest input held in one array (a Java array's limit, with some headroom). */
    static final int MAX_BYTES = Integer.MAX_VALUE - 64;

    /** Reads {@code path}; every problem a user can cause is an {@link InputException}. */
    static InputBytes read(Path path, String what) {
        String name = path.toString();
        InputLocation where = InputLocation.file(name);
        if (Files.isDirectory(path)) {
            throw new InputException(where, "is a directory; expected " + what);
        }
        if (!Files.exists(path)) {
            throw new InputException(where, "file not found; expected " + what);
        }
        byte[] raw;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw tooLarge(where);
            }
            raw = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(where, "file not found; expected " + what, e);
        } catch (AccessDeniedException e) {
            throw new InputException(where, "cannot read the file: permission denied", e);
        } catch (IOException e) {
            throw new InputException(where, "cannot read the file: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new InputException(where, "the file does not fit in memory; give the JVM more (-Xmx) or split the file", null);
        }
        return fromBytes(name, raw, what);
    }

    /**
     * Wraps the content of a file already in memory: decompresses gzip, skips a UTF-8 BOM,
     * rejects UTF-16 and empty input.
     */
    static InputBytes fromBytes(String name, byte[] raw, String what) {
        InputLocation where = InputLocation.file(name);
        if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B) {
            raw = gunzip(raw, where);
        }
        int n = raw.length;
        int start = 0;
        if (n >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF) {
            start = 3;
        } else if (n >= 2 && (((raw[0] & 0xFF) == 0xFF && (raw[1] & 0xFF) == 0xFE) || ((raw[0] & 0xFF) == 0xFE && (raw[1] & 0xFF) == 0xFF))) {
            throw new InputException(where, "the file is UTF-16; save it as UTF-8");
        }
        boolean blank = true;
        for (int i = start; i < n && blank; i++) {
            byte c = raw[i];
            blank = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
        if (blank) {
            throw new InputException(where, "the file is empty; expected " + what);
        }
        return new InputBytes(name, raw, start, n);
    }

    private static byte[] gunzip(byte[] compressed, InputLocation where) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 1 << 16)) {
            long guess = Math.min((long) compressed.length * 4 + 1024, MAX_BYTES);
            byte[] out = new byte[(int) guess];
            int len = 0;
            while (true) {
                if (len == out.length) {
                    if (out.length >= MAX_BYTES) {
                        throw tooLarge(where);
                    }
                    out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, MAX_BYTES));
                }
                int r = in.read(out, len, out.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
            }
            return len == out.length ? out : Arrays.copyOf(out, len);
        } catch (IOException e) {
            String why = e instanceof EOFException ? "it ends too early"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InputException(where, "the file starts like gzip but cannot be decompressed (" + why + "); check that it is a complete .gz file", e);
        } catch (OutOfMemoryError e) {
            throw new InputException(where, "the decompressed file does not fit in memory; give the JVM more (-Xmx) or split the file", null);
        }
    }

    private static InputException tooLarge(InputLocation where) {
        return new TooLarge(where);
    }

    /**
     * The content does not fit in one array (2 GiB): {@link CsvReader} then reads the file block
     * by block instead; other readers report it.
     */
    static final class TooLarge extends InputException {
        TooLarge(InputLocation where) {
            super(where, "the file is larger than 2 GiB (uncompressed); split it into smaller files");
        }
    }
}
