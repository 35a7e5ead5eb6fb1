package io.sentinelrisk.core.util;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads for many short parallel steps in a row (an optimiser's mini-batches),
 * where starting tasks on an executor would cost more than the work: the helpers live as long as
 * the team, spin briefly between steps and then park. Each step runs tasks {@code 0..count-1},
 * each exactly once, on the caller (worker 0) and the helpers (workers 1..); which worker runs
 * which task varies, so a task must write only its own outputs for results not to depend on the
 * thread count. A task is told its worker's index so that it can use scratch memory of that
 * worker's, which stays in that core's cache, rather than memory of the task's, which would move
 * between cores from step to step. One thread, the team's owner, calls {@link #run} and
 * {@link #close}.
 */
public final class WorkerTeam implements AutoCloseable {
    /** The body of a step: runs one task on the given worker. */
    @FunctionalInterface
    public interface Task {
        void run(int task, int worker);
    }

    /** How long an idle helper spins for the next step before parking; steps come every ~0.1-1 ms. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** One step: its own counters, so a helper finishing late never touches the next step's. */
    private static final class Step {
        final Task body;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Step(Task body, int count) {
            this.body = body;
            this.count = count;
        }

        void work(int worker) {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                try {
                    body.run(i, worker);
                } catch (Throwable e) {
                    failure = e;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final Thread[] helpers;
    private volatile Step step;
    private volatile boolean closed;

    /** A team of {@code threads} threads in all: the caller of {@link #run} and {@code threads - 1} helpers. */
    public WorkerTeam(int threads, String name) {
        helpers = new Thread[Math.max(0, threads - 1)];
        for (int h = 0; h < helpers.length; h++) {
            int worker = h + 1;
            Thread t = new Thread(() -> helperLoop(worker), name + "-" + worker);
            t.setDaemon(true);
            helpers[h] = t;
            t.start();
        }
    }

    public int threads() {
        return helpers.length + 1;
    }

    /** Runs {@code body.run(i, worker)} for i in {@code [0, count)} and returns when all are done; rethrows a failure. */
    public void run(int count, Task body) {
        if (closed) {
            throw new IllegalStateException("team closed");
        }
        Step s = new Step(body, count);
        if (helpers.length > 0 && count > 1) {
            step = s;
            for (Thread h : helpers) {
                LockSupport.unpark(h);
            }
        }
        s.work(0);
        for (int spins = 0; s.done.get() < count; spins++) {
            // the rest is at most one task per helper, already running: wait for it on this core
            if (spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable f = s.failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void helperLoop(int worker) {
        Step seen = null;
        long idleSince = System.nanoTime();
        int spins = 0;
        while (!closed) {
            Step s = step;
            if (s != seen) {
                seen = s;
                s.work(worker);
                idleSince = System.nanoTime();
                spins = 0;
            } else if ((++spins & 63) != 0 || System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        for (Thread h : helpers) {
            try {
                h.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
