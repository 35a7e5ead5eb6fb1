package io.sentinelrisk.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
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
import java.util.TreeSet;

/**
 * Drift of a stream against the bundle's training profile: the last {@code windowRows} scored
 * events in a {@link DriftWindow}, analysed every {@code everyRows} events; a {@link DriftAlert}
 * when a column newly crosses into {@code significant} (not again while it stays there). Not
 * thread-safe: one per scorer.
 */
public final class DriftMonitor {
    private static final String MAGIC = "SRDM";
    private static final int VERSION = 1;
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
        return check();
    }

    /**
     * Row {@code row} of a scored frame as the window keeps it ({@link DriftWindow#kept}): where a
     * stream engine scores in parallel, each scoring task makes these and one monitor
     * {@link #addKept adds} them, so the verdicts are those of one monitor over the same events.
     */
    public double[] kept(Frame frame, int row, double score) {
        return window.kept(frame, row, score);
    }

    /** Adds a row made by {@link #kept}; a drift alert when this check crossed into significant, else null. */
    public DriftAlert addKept(double[] kept) {
        window.addKept(kept);
        return check();
    }

    /** The window's rows, the events seen and the columns now significant: what a checkpoint keeps. */
    public byte[] stateBytes() {
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION).writeLong(seen);
        List<String> names = new ArrayList<>(new TreeSet<>(significant));
        w.writeInt(names.size());
        names.forEach(w::writeString);
        window.writeTo(w);
        return w.toByteArray();
    }

    /** Restores what {@link #stateBytes()} gave (the next check comes when it would have); {@code source} names it in errors. */
    public void restore(byte[] bytes, String source) {
        BinaryReader r = new BinaryReader(bytes, source, MAGIC, VERSION);
        long n = r.readLong();
        int k = r.readInt();
        if (n < 0 || k < 0 || k > 100_000) {
            throw r.corrupt("a drift monitor of " + n + " events and " + k + " significant columns");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < k; i++) {
            names.add(r.readString());
        }
        window.restore(r);
        r.expectEnd();
        seen = n;
        significant = names;
    }

    private DriftAlert check() {
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
