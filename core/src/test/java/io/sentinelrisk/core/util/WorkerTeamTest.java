package io.sentinelrisk.core.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class WorkerTeamTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void everyTaskOfEveryStepRunsExactlyOnce(int threads) {
        try (WorkerTeam team = new WorkerTeam(threads, "test")) {
            assertThat(team.threads()).isEqualTo(threads);
            for (int step = 0; step < 2000; step++) {
                int count = 1 + step % 7;
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                team.run(count, (i, worker) -> runs.incrementAndGet(i));
                for (int i = 0; i < count; i++) {
                    assertThat(runs.get(i)).as("step %d task %d", step, i).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void helpersShareTheWorkAndTheirWritesAreVisibleAfterTheStep() throws Exception {
        try (WorkerTeam team = new WorkerTeam(2, "test")) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            Map<Integer, Thread> threadOfWorker = new ConcurrentHashMap<>();
            long[] out = new long[8];
            for (int step = 0; step < 200 && seen.size() < 2; step++) {
                team.run(out.length, (i, worker) -> {
                    assertThat(worker).isBetween(0, 1);
                    // a worker index is one thread's, the caller's being 0, so per-worker scratch is never shared
                    assertThat(threadOfWorker.computeIfAbsent(worker, w -> Thread.currentThread())).isSameAs(Thread.currentThread());
                    seen.add(Thread.currentThread());
                    long s = 0;
                    for (int k = 0; k < 200_000; k++) {
                        s += k ^ i;
                    }
                    out[i] = s;
                });
            }
            assertThat(seen).hasSize(2);
            assertThat(threadOfWorker.get(0)).isSameAs(Thread.currentThread());
            for (int i = 0; i < out.length; i++) {
                long s = 0;
                for (int k = 0; k < 200_000; k++) {
                    s += k ^ i;
                }
                assertThat(out[i]).isEqualTo(s);
            }
        }
    }

    @Test
    void aFailingTaskIsRethrownAndTheOthersStillRun() {
        try (WorkerTeam team = new WorkerTeam(3, "test")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(6);
            assertThatThrownBy(() -> team.run(6, (i, worker) -> {
                runs.incrementAndGet(i);
                if (i == 4) {
                    throw new IllegalArgumentException("task 4");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("task 4");
            for (int i = 0; i < 6; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
            }
            AtomicIntegerArray again = new AtomicIntegerArray(3);
            team.run(3, (i, worker) -> again.incrementAndGet(i));
            assertThat(again.get(0) + again.get(1) + again.get(2)).isEqualTo(3);
        }
    }

    @Test
    void aClosedTeamRefusesWorkAndItsHelpersEnd() {
        WorkerTeam team = new WorkerTeam(3, "test-closing");
        team.run(4, (i, worker) -> { });
        team.close();
        assertThatThrownBy(() -> team.run(1, (i, worker) -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("test-closing"));
    }
}
