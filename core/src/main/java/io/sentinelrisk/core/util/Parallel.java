package io.sentinelrisk.core.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a body over {@code [0, n)} split into contiguous chunks, on up to {@code threads} threads.
 * Each index is handled by exactly one call, so results written by index do not depend on the
 * thread count.
 *
 * <p>Workers come from one shared pool of daemon threads that are kept alive between calls:
 * scoring a small batch must not pay for starting threads, which costs more than the work. The
 * pool grows on demand, so a body that itself runs a parallel loop cannot starve it.
 */
public final class Parallel {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sentinel-worker");
        t.setDaemon(true);
        return t;
    });

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
     * to {@code threads} threads, the caller's thread being one of them. The first exception
     * thrown by the body is rethrown once every chunk has stopped.
     */
    public static void forRange(int n, int threads, int minChunk, RangeBody body) {
        int chunks = (int) Math.min(Math.max(1, threads) * 4L, Math.max(1, n / Math.max(1, minChunk)));
        if (threads <= 1 || chunks <= 1) {
            body.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable claimChunks = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            }
        };
        int helpers = Math.min(threads, chunks) - 1;
        Future<?>[] futures = new Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            futures[h] = WORKERS.submit(claimChunks);
        }
        Throwable failure = null;
        try {
            claimChunks.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            next.set(chunks); // the helpers stop after their current chunk
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunks still running write into the caller's arrays: wait for them
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
