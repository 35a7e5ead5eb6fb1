package io.sentinelrisk.core.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of atomic writes: named {@code .NAME.PID.DIGITS.tmp} beside the output
 * NAME, so that one glance at a directory tells whose they are. Every temp file in flight is
 * registered; a shutdown hook deletes them when the process is interrupted (INT, TERM). A kill
 * -9 leaves them behind, so before writing NAME, stale temp files of NAME (of a process no
 * longer alive) are deleted.
 */
final class TempFiles {
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();
    private static final Instant STARTED = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteInFlight, "sentinel-temp-cleanup"));
    }

    private TempFiles() {
    }

    /** Creates a new, empty, private temp file beside {@code target} and registers it. */
    static Path create(Path target) throws IOException {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        removeStale(dir, name);
        while (true) {
            Path tmp = dir.resolve("." + name + "." + PID + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            IN_FLIGHT.add(tmp);
            try {
                Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                return tmp;
            } catch (FileAlreadyExistsException e) {
                IN_FLIGHT.remove(tmp);
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
                return tmp;
            } catch (IOException e) {
                IN_FLIGHT.remove(tmp);
                throw e;
            }
        }
    }

    /** Tracks a temp file made elsewhere, so that an interrupted run deletes it too. */
    static void track(Path tmp) {
        IN_FLIGHT.add(tmp);
    }

    /** Deletes {@code tmp} if it is still there (after a failure; after a rename it is gone), quietly. */
    static void discard(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // nothing more to do; the next run removes it as stale
        }
        IN_FLIGHT.remove(tmp);
    }

    private static void deleteInFlight() {
        for (Path tmp : IN_FLIGHT) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the process is ending; the next run removes it as stale
            }
        }
    }

    /** Our temp files of {@code name}: {@code .NAME.PID.DIGITS.tmp}, or {@code .NAME.DIGITS.tmp} of older versions. */
    static Pattern pattern(String name) {
        return Pattern.compile("\\." + Pattern.quote(name) + "\\.(?:(\\d+)\\.)?\\d+\\.tmp");
    }

    /**
     * Deletes temp files of {@code name} in {@code dir} left by an interrupted run: those of a
     * process no longer alive, and those without a process id (older versions) when older than
     * this process. Another run may be writing the same output: its temp file stays.
     */
    static void removeStale(Path dir, String name) {
        Pattern p = pattern(name);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + globEscape(name) + ".*.tmp")) {
            for (Path f : files) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (!m.matches() || IN_FLIGHT.contains(f) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean stale = m.group(1) != null
                        ? m.group(1).equals(Long.toString(PID)) || !alive(m.group(1))
                        : Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(STARTED);
                if (stale) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning up is a courtesy: never fail a write because of it
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
