package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;

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
        assertThat(SentinelCommand.keepsTheJvm(group, Thread.currentThread())).isFalse();
        CountDownLatch release = new CountDownLatch(1);
        Thread user = waiting(group, release, false);
        try {
            assertThat(SentinelCommand.keepsTheJvm(group, Thread.currentThread())).isTrue();
            assertThat(SentinelCommand.keepsTheJvm(group, user)).as("itself is not another thread").isFalse();
        } finally {
            release.countDown();
            user.join();
        }
        assertThat(SentinelCommand.keepsTheJvm(group, Thread.currentThread())).isFalse();
    }

    @Test
    void daemonThreadsDoNot() throws Exception {
        ThreadGroup group = new ThreadGroup("main-exit-test-daemons");
        CountDownLatch release = new CountDownLatch(1);
        Thread first = waiting(group, release, true);
        Thread second = waiting(new ThreadGroup(group, "nested"), release, true);
        try {
            assertThat(SentinelCommand.keepsTheJvm(group, Thread.currentThread())).isFalse();
        } finally {
            release.countDown();
            first.join();
            second.join();
        }
    }

    @Test
    void aNonDaemonThreadInASubgroupCounts() throws Exception {
        ThreadGroup group = new ThreadGroup("main-exit-test-outer");
        CountDownLatch release = new CountDownLatch(1);
        Thread nested = waiting(new ThreadGroup(group, "inner"), release, false);
        try {
            assertThat(SentinelCommand.keepsTheJvm(group, Thread.currentThread())).isTrue();
        } finally {
            release.countDown();
            nested.join();
        }
    }

    /** A thread of {@code group} that has started and waits for {@code release}. */
    private static Thread waiting(ThreadGroup group, CountDownLatch release, boolean daemon) throws InterruptedException {
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
        started.await();
        return t;
    }
}
