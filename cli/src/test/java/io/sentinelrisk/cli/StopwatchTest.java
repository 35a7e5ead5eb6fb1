package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's jvm_start: the age of this process, to the kernel's tick, not to the second. */
class StopwatchTest {
    @Test
    void theProcessAgeIsTheJvmsUptimePlusItsLaunch() {
        long before = ManagementFactory.getRuntimeMXBean().getUptime();   // ms since the JVM began starting
        long age = Stopwatch.processAgeNanos() / 1_000_000;
        long after = ManagementFactory.getRuntimeMXBean().getUptime();
        // The process began before the JVM it runs (the launcher runs first): never younger than its
        // uptime (less the 10 ms tick of /proc), and not by a second more, as the whole seconds of
        // the boot time that ProcessHandle adds its ticks to would make it.
        assertThat(age).isGreaterThanOrEqualTo(before - 20);
        assertThat(age).isLessThan(after + 500);
    }

    @Test
    void theStepsAddUpToTheTotal() {
        Stopwatch watch = new Stopwatch();
        watch.lap("read");
        watch.lap("score");
        watch.lap("read");
        var laps = watch.laps();
        assertThat(laps.keySet()).containsExactly("jvm_start", "read", "score", "total");
        double sum = laps.entrySet().stream().filter(e -> !e.getKey().equals("total"))
                .mapToDouble(e -> (Double) e.getValue()).sum();
        assertThat((Double) laps.get("total")).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.05));
        assertThat((Double) laps.get("jvm_start")).isPositive();
    }
}
