package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.Pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads the bundle that a {@code score} or {@code predict} command line names on a thread of its
 * own while picocli builds the command and parses the line on the command's thread: both take
 * tens of milliseconds before any row is read, and one core would otherwise sit idle through them
 * (docs/benchmarks.md, "Huge pages and the serial start").
 *
 * <p>The command line is only glanced at ({@code -m FILE}, {@code --model FILE},
 * {@code --model=FILE}); picocli still decides. The command asks for its bundle with
 * {@link #read}: the one read ahead when it is the same path, else (another path, no read ahead)
 * it is read then. A read ahead that failed is not reported: the bundle is read again on the
 * command's thread, so a bad bundle gives the error it always gave. Only regular files are read
 * ahead (never a pipe, which a second read could not repeat).
 */
final class BundlePrefetch {
    /** The commands whose {@code -m}/{@code --model} is a bundle they read first. */
    private static final java.util.Set<String> COMMANDS = java.util.Set.of("score", "predict");

    private static volatile BundlePrefetch pending;

    private final Path path;
    private final CompletableFuture<Pipeline> pipeline;

    private BundlePrefetch(Path path, CompletableFuture<Pipeline> pipeline) {
        this.path = path;
        this.pipeline = pipeline;
    }

    /** Starts reading the bundle {@code args} names, when they run a command that reads one first. */
    static void start(String command, String[] args) {
        pending = null;
        if (!COMMANDS.contains(command)) {
            return;
        }
        Path path = modelPath(args);
        if (path == null || !Files.isRegularFile(path)) {
            return;
        }
        CompletableFuture<Pipeline> future = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                future.complete(Bundles.read(path));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "sentinel-bundle");
        reader.setDaemon(true);   // a command line that fails to parse exits without waiting for it
        pending = new BundlePrefetch(path, future);
        reader.start();
    }

    /** The bundle at {@code model}: the one read ahead when it is that path, else read now. */
    static Pipeline read(Path model) {
        BundlePrefetch ahead = pending;
        pending = null;
        if (ahead != null && ahead.path.equals(model)) {
            try {
                return ahead.pipeline.join();
            } catch (CompletionException e) {
                // read again below, on this thread: the same error as without the read ahead
            }
        }
        return Bundles.read(model);
    }

    /** The path being read ahead and not yet taken, or null (for tests). */
    static Path readingAhead() {
        BundlePrefetch ahead = pending;
        return ahead == null ? null : ahead.path;
    }

    /** Forgets a read ahead that no command took (the command line failed before it asked). */
    static void clear() {
        pending = null;
    }

    /** The value of the first {@code -m} or {@code --model} option, or null. */
    static Path modelPath(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            try {
                if ((a.equals("-m") || a.equals("--model")) && i + 1 < args.length) {
                    return Path.of(args[i + 1]);
                }
                if (a.startsWith("--model=")) {
                    return Path.of(a.substring("--model=".length()));
                }
            } catch (java.nio.file.InvalidPathException e) {
                return null;   // picocli will say what is wrong with it
            }
        }
        return null;
    }
}
