package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code main} returns, rather than calling System.exit, only when no other thread would keep the
 * JVM alive: a live non-daemon thread means System.exit, as before, never a process that hangs.
 * Each case runs its threads in a group of its own, apart from the test JVM's.
 */
class MainExitTest {
    @Test
    void aLiveNonDaemonThreadKeepsTheJvmUntilItEnds() throws Exception {
        ThreadGroup group = new ThreadGroup("main-exit-test");
        assertThat(keepsTheJvm(group)).isFalse();
        try (Waiting waiting = new Waiting()) {
            Thread user = waiting.start(group, false);
            assertThat(keepsTheJvm(group)).isTrue();
            assertThat(SentinelCommand.keepsTheJvm(group, user)).as("itself is not another thread").isFalse();
        }
        assertThat(keepsTheJvm(group)).isFalse();
    }

    @Test
    void daemonThreadsDoNot() throws Exception {
        ThreadGroup group = new ThreadGroup("main-exit-test-daemons");
        try (Waiting waiting = new Waiting()) {
            waiting.start(group, true);
            waiting.start(new ThreadGroup(group, "nested"), true);
            assertThat(keepsTheJvm(group)).isFalse();
        }
    }

    @Test
    void aNonDaemonThreadInASubgroupCounts() throws Exception {
        ThreadGroup group = new ThreadGroup("main-exit-test-outer");
        try (Waiting waiting = new Waiting()) {
            waiting.start(new ThreadGroup(group, "inner"), false);
            assertThat(keepsTheJvm(group)).isTrue();
        }
    }

    private static boolean keepsTheJvm(ThreadGroup group) {
        return SentinelCommand.keepsTheJvm(group, Thread.currentThread());
    }

    /** Threads that have started and wait until closed, which releases them and waits for their end. */
    private static final class Waiting implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<Thread> threads = new ArrayList<>();

        Thread start(ThreadGroup group, boolean daemon) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            Thread t = new Thread(group, () -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, daemon ? "test-daemon" : "test-user");
            t.setDaemon(daemon);
            t.start();
            threads.add(t);
            started.await();
            return t;
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
