package io.sentinelrisk.core.io;

import io.sentinelrisk.core.error.SentinelException;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an output so that nothing is destroyed or left half-written, by the rule of
 * {@link OutputTarget}: a regular file (or a missing path) gets a temporary file beside it,
 * renamed over it only when writing succeeded (on failure the temp file is deleted and the old
 * file stays); a symlink's target is what gets replaced; {@code -} (standard output), a character
 * device or a FIFO is written in place, streaming. Temp files are removed on INT/TERM and, when
 * stale, by the next write of the same output ({@link TempFiles}).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes the content of an output file; may throw IOException. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes an output file at a path it is given, for writers that only take a path (SQL engines). */
    @FunctionalInterface
    public interface PathContent {
        void writeTo(Path file) throws IOException;
    }

    public static void write(Path target, Content content) {
        OutputTarget where = OutputTarget.of(target);
        try {
            switch (where) {
                case OutputTarget.Stdout s -> {
                    System.out.flush();
                    OutputStream out = new BufferedOutputStream(unclosable(new FileOutputStream(FileDescriptor.out)), 1 << 16);
                    content.writeTo(out);
                    out.flush();
                }
                case OutputTarget.InPlace p -> {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p.path(), StandardOpenOption.WRITE), 1 << 16)) {
                        content.writeTo(out);
                    }
                }
                case OutputTarget.RegularFile f -> replace(f.path(), tmp -> {
                    try (OutputStream out = new BufferedOutputStream(openCreated(tmp), 1 << 16)) {
                        content.writeTo(out);
                    }
                });
            }
        } catch (IOException e) {
            throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an output through a writer that takes a path: a regular file is written to a temp
     * file renamed into place; for standard output, a device or a FIFO the writer fills a temp file
     * whose bytes are then streamed to the target.
     */
    public static void writeVia(Path target, PathContent content) {
        OutputTarget where = OutputTarget.of(target);
        if (where instanceof OutputTarget.RegularFile f) {
            try {
                replace(f.path(), content);
            } catch (IOException e) {
                throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
            }
            return;
        }
        Path staging = null;
        try {
            staging = Files.createTempFile("sentinel-output", ".tmp");
            TempFiles.track(staging);
            Files.delete(staging);   // writers such as DuckDB's COPY create the file themselves
            content.writeTo(staging);
            Path from = staging;
            write(target, out -> Files.copy(from, out));
        } catch (IOException e) {
            throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                TempFiles.discard(staging);
            }
        }
    }

    /**
     * An output written as the data streams by: bytes go to a temp file beside a regular file
     * (or, for standard output, a device or a FIFO, to a private temp file whose bytes are copied
     * there at the end), which {@link #commit} puts in place. Closing without a commit deletes
     * the temp file and leaves the target untouched, so an error in the middle of the input
     * leaves no half-written output.
     */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final OutputTarget where;
        private final Path tmp;
        private final OutputStream out;
        private boolean done;

        private Pending(Path target, OutputTarget where, Path tmp, OutputStream out) {
            this.target = target;
            this.where = where;
            this.tmp = tmp;
            this.out = out;
        }

        /** Where to write the content (buffered). */
        public OutputStream stream() {
            return out;
        }

        /**
         * Flushes and closes the content without putting it in place: the part of a commit that
         * waits for the disk (a replaced file's last bytes are written back at the close), which
         * may run on another thread while the command finishes its other outputs. A {@link #commit}
         * then only moves it; a {@link #close} without one still discards it.
         */
        public void seal() {
            if (done) {
                throw new IllegalStateException("already committed or discarded: " + target);
            }
            try {
                out.close();
            } catch (IOException e) {
                throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /** Flushes, closes (unless {@link #seal sealed}) and puts the content in place. */
        public void commit() {
            if (done) {
                throw new IllegalStateException("already committed or discarded: " + target);
            }
            done = true;
            try {
                out.close();   // closing a closed stream does nothing
                if (where instanceof OutputTarget.RegularFile f) {
                    keepPermissions(tmp, f.path());
                    try {
                        Files.move(tmp, f.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, f.path(), StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    write(target, o -> Files.copy(tmp, o));
                }
            } catch (IOException e) {
                throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
            } finally {
                TempFiles.discard(tmp);
            }
        }

        /** Discards the content unless committed. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the content is being thrown away
            } finally {
                TempFiles.discard(tmp);
            }
        }
    }

    /** Starts writing {@code target} as the data streams by; see {@link Pending}. */
    public static Pending open(Path target) {
        OutputTarget where = OutputTarget.of(target);
        Path tmp = null;
        try {
            OutputStream file;
            if (where instanceof OutputTarget.RegularFile f) {
                Files.createDirectories(f.path().getParent());
                tmp = TempFiles.create(f.path());
                // renamed over an existing file at the commit: written back as it goes (WritebackStream)
                file = Files.isRegularFile(f.path()) ? WritebackStream.open(tmp) : openCreated(tmp);
            } else {
                tmp = Files.createTempFile("sentinel-output", ".tmp");
                TempFiles.track(tmp);
                file = openCreated(tmp);
            }
            return new Pending(target, where, tmp, new BufferedOutputStream(file, 1 << 16));
        } catch (IOException e) {
            if (tmp != null) {
                TempFiles.discard(tmp);
            }
            throw new SentinelException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a temp file just created (empty) for writing, without truncating it: on ext4, a file
     * truncated to nothing is flushed to the disk when it is closed (its "replace by truncate"
     * safeguard, auto_da_alloc), which made closing a 148 MB scorecard wait 70-170 ms for the
     * device at the end of a run.
     */
    private static OutputStream openCreated(Path tmp) throws IOException {
        return Files.newOutputStream(tmp, StandardOpenOption.WRITE);
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Temp file beside {@code target}, filled by {@code content}, renamed over {@code target}. */
    private static void replace(Path target, PathContent content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = TempFiles.create(target);
        try {
            content.writeTo(tmp);
            keepPermissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            TempFiles.discard(tmp);
        }
    }

    /**
     * Temporary files are created private (0600); an output should read like any other file the
     * user writes: the permissions of the file it replaces, else rw-r--r--.
     */
    private static void keepPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Standard output stays open for what the command prints after the output. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
