package io.sentinelrisk.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Times the steps of a command for the report (milliseconds per step, in order). */
final class Stopwatch {
    private final Map<String, Object> laps = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long last = start;

    void lap(String step) {
        long now = System.nanoTime();
        laps.put(step, Math.round((now - last) / 1e4) / 100.0);
        last = now;
    }

    Map<String, Object> laps() {
        Map<String, Object> out = new LinkedHashMap<>(laps);
        out.put("total", Math.round((System.nanoTime() - start) / 1e4) / 100.0);
        return out;
    }
}
