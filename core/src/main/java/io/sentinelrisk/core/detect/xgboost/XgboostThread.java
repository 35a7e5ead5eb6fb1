package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.error.SentinelException;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread on which SentinelRisk calls into XGBoost. XGBoost works on OpenMP threads, and
 * OpenMP keeps a team of them for every thread that calls in; once there are more team threads
 * than cores, its threads stop spinning between parallel regions, and XGBoost's training, made
 * of many short regions, ran twice as slowly (annthyroid, 2 cores: 250-284 ms per fit when
 * predictions came from a second thread, 113-135 ms without; {@code XgboostTrainTiming
 * --raw-elsewhere} in the bench module). Calling in from one thread keeps
 * one team whatever thread a caller is on. The calls either are short or use every core
 * themselves, so queueing them costs little; and since they never overlap, the boosters need no
 * locks. Calls made from this thread itself run at once.
 */
final class XgboostThread {
    private static volatile Thread worker;
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sentinel-xgboost");
        t.setDaemon(true);
        worker = t;
        return t;
    });

    private XgboostThread() {
    }

    /** A call into XGBoost. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws XGBoostError;
    }

    /** Runs {@code call} on the XGBoost thread and returns its result or rethrows its failure. */
    static <T> T call(Call<T> call) throws XGBoostError {
        if (Thread.currentThread() == worker) {
            return call.run();
        }
        Future<T> result = THREAD.submit(call::run);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the call may be using the caller's arrays: wait for it
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof XGBoostError x) {
                throw x;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new SentinelException("xgboost: " + cause, cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
