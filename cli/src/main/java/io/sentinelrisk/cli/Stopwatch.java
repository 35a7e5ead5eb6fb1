package io.sentinelrisk.cli;

import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times the steps of a command for the report's {@code timings_ms}: every moment from the
 * stopwatch's start belongs to exactly one step, and a step met again (block after block of a
 * streamed input) adds up, so the steps sum to the time since the start. {@code jvm_start} is
 * the time from the process's start to the stopwatch's (the JVM starting, loading classes,
 * parsing the command line); {@code total} is the process's time so far, that plus every step.
 */
final class Stopwatch {
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private final long jvmStartNanos = ProcessHandle.current().info().startInstant()
            .map(t -> Math.max(0, Duration.between(t, Instant.now()).toNanos())).orElse(0L);
    private long last = start;

    /** Ends the current step: the time since the previous lap goes to {@code step}. */
    void lap(String step) {
        long now = System.nanoTime();
        nanos.merge(step, now - last, Long::sum);
        last = now;
    }

    /**
     * Milliseconds per step, in the order the steps first ran, with {@code jvm_start} first and
     * {@code total} (up to the last lap) last.
     */
    Map<String, Object> laps() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm_start", ms(jvmStartNanos));
        nanos.forEach((step, ns) -> out.put(step, ms(ns)));
        out.put("total", ms(jvmStartNanos + last - start));
        return out;
    }

    /** Says each step's time on the log (INFO). */
    void log(Logger log) {
        laps().forEach((step, v) -> log.info("time of {}: {} ms", step, v));
    }

    private static double ms(long ns) {
        return Math.round(ns / 1e4) / 100.0;
    }
}
