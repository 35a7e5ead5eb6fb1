package io.sentinelrisk.cli;

import org.slf4j.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Field 22 of /proc/PID/stat: the start time in clock ticks after boot (proc(5)). */
    private static final int STARTTIME_FIELD = 22;

    /** The tick of /proc's times (USER_HZ): 100 on every Linux a JVM runs on. */
    private static final int USER_HZ = 100;

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private final long jvmStartNanos = processAgeNanos();
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

    /**
     * How long ago this process started (from {@code bin/sentinel}'s shell, which the JVM replaces
     * in the same process). On Linux from the kernel's two clocks in 1/100 s: the process's start
     * in ticks since boot ({@code /proc/self/stat}) and the time since boot ({@code /proc/uptime}).
     * {@link ProcessHandle.Info#startInstant()} is not used there: it adds the ticks to the boot
     * time in whole seconds ({@code btime}), so its age of a process is off by up to a second.
     */
    static long processAgeNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String uptime = Files.readString(Path.of("/proc/uptime"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[STARTTIME_FIELD - 3]);
            double up = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return Math.max(0, Math.round((up - startTicks / (double) USER_HZ) * 1e9));
        } catch (IOException | RuntimeException e) {
            return ProcessHandle.current().info().startInstant()
                    .map(t -> Math.max(0, Duration.between(t, Instant.now()).toNanos())).orElse(0L);
        }
    }

    private static double ms(long ns) {
        return Math.round(ns / 1e4) / 100.0;
    }
}
