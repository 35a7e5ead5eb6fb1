package io.sentinelrisk.stream;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.drift.ColumnDrift;
import io.sentinelrisk.core.drift.DriftAnalysis;
import io.sentinelrisk.core.drift.DriftReport;
import io.sentinelrisk.core.drift.DriftWindow;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.drift.Verdict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drift of a stream against the bundle's training profile: the last {@code windowRows} scored
 * events in a {@link DriftWindow}, analysed every {@code everyRows} events; a {@link DriftAlert}
 * when a column newly crosses into {@code significant} (not again while it stays there). Not
 * thread-safe: one per scorer.
 */
public final class DriftMonitor {
    private final DriftWindow window;
    private final int everyRows;
    private Set<String> significant = Set.of();
    private long seen;
    private DriftReport last;

    public DriftMonitor(TrainingProfile profile, int windowRows, int everyRows) {
        if (everyRows < 1) {
            throw new IllegalArgumentException("drift is checked every 1 or more events, asked for " + everyRows);
        }
        this.window = new DriftWindow(profile, windowRows);
        this.everyRows = everyRows;
    }

    /** Adds row {@code row} of a scored frame; a drift alert when this check crossed into significant, else null. */
    public DriftAlert add(Frame frame, int row, double score) {
        window.add(frame, row, score);
        if (++seen % everyRows != 0 || window.size() < DriftAnalysis.MIN_ROWS) {
            return null;
        }
        last = DriftAnalysis.report(window);
        Set<String> now = new HashSet<>();
        List<String> crossed = new ArrayList<>();
        for (ColumnDrift c : columns(last)) {
            if (c.verdict() == Verdict.SIGNIFICANT) {
                now.add(c.column());
                if (!significant.contains(c.column())) {
                    crossed.add(c.column());
                }
            }
        }
        significant = now;
        return crossed.isEmpty() ? null : new DriftAlert(seen, crossed, last);
    }

    /** The latest check's report, or null before the first. */
    public DriftReport lastReport() {
        return last;
    }

    private static List<ColumnDrift> columns(DriftReport r) {
        List<ColumnDrift> all = new ArrayList<>(r.columns().size() + 1);
        all.add(r.score());
        all.addAll(r.columns());
        return all;
    }
}
