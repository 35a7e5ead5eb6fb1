package io.sentinelrisk.core.io;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.SentinelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What an output path names, and so how it is written (docs/outputs.md, "Where outputs go"):
 * {@code -} is standard output; a character device (/dev/null) or a FIFO is written in place,
 * streaming; anything else is a regular file, new or existing, replaced atomically. A symlink is
 * followed to the file it names, which is what gets replaced: the link stays a link. Directories,
 * block devices and sockets are refused, never replaced.
 */
public sealed interface OutputTarget {
    /** Standard output ({@code -}). */
    record Stdout() implements OutputTarget {
    }

    /** A character device or a FIFO: opened and written in place. */
    record InPlace(Path path) implements OutputTarget {
    }

    /** A regular file or a missing path (after following symlinks): written by temp file + rename. */
    record RegularFile(Path path) implements OutputTarget {
    }

    /** How many symlinks are followed before giving up (as Linux's ELOOP does). */
    int MAX_LINKS = 40;

    /** Whether {@code path} means standard output: {@code -}, or /dev/stdout and its aliases. */
    static boolean isStdout(Path path) {
        String s = path.toString();
        return s.equals("-") || s.equals("/dev/stdout") || s.equals("/dev/fd/1") || s.equals("/proc/self/fd/1");
    }

    /** Resolves what {@code path} names; an unusable target is an {@link InputException}. */
    static OutputTarget of(Path path) {
        if (isStdout(path)) {
            return new Stdout();
        }
        Path abs = path.toAbsolutePath().normalize();
        if (abs.toString().equals("/dev/stderr") || abs.startsWith("/dev/fd") || abs.startsWith("/proc/self/fd")) {
            // another open file of this process (whatever it is, even a regular file the shell
            // redirected): written in place, never renamed over
            return new InPlace(abs);
        }
        try {
            Path p = resolve(abs);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return new RegularFile(p);
            }
            if (a.isRegularFile()) {
                return new RegularFile(p);
            }
            if (a.isDirectory()) {
                throw new InputException("output " + path + " is a directory; give a file name");
            }
            return switch (kind(p)) {
                case CHARACTER_DEVICE, FIFO -> new InPlace(p);
                case OTHER -> throw new InputException("output " + path
                        + " is not a regular file, a character device or a FIFO (a block device or a socket); refusing to write it");
            };
        } catch (IOException e) {
            throw new SentinelException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Follows {@code path} through symlinks, also a dangling one, to the absolute path it finally names. */
    static Path resolve(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        for (int i = 0; i < MAX_LINKS; i++) {
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            Path link = Files.readSymbolicLink(p);
            p = p.resolveSibling(link).normalize();
        }
        throw new InputException("output " + path + ": too many levels of symbolic links");
    }

    /** The special-file kinds the output rule tells apart. */
    enum Special { CHARACTER_DEVICE, FIFO, OTHER }

    /** The file type bits of a non-regular file ("unix:mode"; without that view, only /dev/* counts as a device). */
    static Special kind(Path p) throws IOException {
        if (!p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return p.startsWith("/dev") ? Special.CHARACTER_DEVICE : Special.OTHER;
        }
        int type = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
        return switch (type) {
            case 0020000 -> Special.CHARACTER_DEVICE;
            case 0010000 -> Special.FIFO;
            default -> Special.OTHER;
        };
    }
}
