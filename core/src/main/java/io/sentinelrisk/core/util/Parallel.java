package io.sentinelrisk.core.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a body over {@code [0, n)} split into contiguous chunks, on up to {@code threads} threads.
 * Each index is handled by exactly one call, so results written by index do not depend on the
 * thread count.
 */
public final class Parallel {
    private Parallel() {
    }

    /** The body of a parallel loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** The number of threads to use by default: the machine's cores. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Splits {@code [0, n)} into chunks of at least {@code minChunk} indices and runs them on up
     * to {@code threads} threads (the caller's thread included). Exceptions are rethrown.
     */
    public static void forRange(int n, int threads, int minChunk, RangeBody body) {
        int chunks = (int) Math.min(Math.max(1, threads) * 4L, Math.max(1, n / Math.max(1, minChunk)));
        if (threads <= 1 || chunks <= 1) {
            body.run(0, n);
            return;
        }
        int[] bounds = new int[chunks + 1];
        for (int c = 0; c <= chunks; c++) {
            bounds[c] = (int) ((long) n * c / chunks);
        }
        int workers = Math.min(threads, chunks);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sentinel-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int from = bounds[c];
                int to = bounds[c + 1];
                futures.add(pool.submit(() -> body.run(from, to)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
