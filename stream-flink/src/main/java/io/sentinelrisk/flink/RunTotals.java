package io.sentinelrisk.flink;

import org.apache.flink.api.common.JobExecutionResult;

import java.util.List;
import java.util.Locale;

/** What a finished run did, from the job's accumulators (a running job shows the same counts as metrics). */
record RunTotals(long scored, long alerts, long late, long deadLetters, long driftAlerts, double seconds) {
    static final List<String> NAMES = List.of("sentinel-scored", "sentinel-alerts", "sentinel-late", "sentinel-dead-letters",
            "sentinel-drift-alerts");
    static final int SCORED = 0;
    static final int ALERTS = 1;
    static final int LATE = 2;
    static final int DEAD_LETTERS = 3;
    static final int DRIFT_ALERTS = 4;

    static RunTotals of(JobExecutionResult r) {
        return new RunTotals(get(r, SCORED), get(r, ALERTS), get(r, LATE), get(r, DEAD_LETTERS), get(r, DRIFT_ALERTS), r.getNetRuntime() / 1000.0);
    }

    private static long get(JobExecutionResult r, int i) {
        Object v = r.getAccumulatorResult(NAMES.get(i));
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** One line: "scored 800 events (40 alerts, 1 late, 3 dead letters, 1 drift alerts) in 12.3 s". */
    String line() {
        return String.format(Locale.ROOT, "scored %d events (%d alerts, %d late, %d dead letters, %d drift alerts) in %.1f s",
                scored, alerts, late, deadLetters, driftAlerts, seconds);
    }
}
