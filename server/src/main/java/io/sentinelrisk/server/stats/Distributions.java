package io.sentinelrisk.server.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EventInputStore;
import io.sentinelrisk.server.store.StatsStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Distributions page's data: histograms of the raw score and of risk per source over a time
 * range, on fixed bins shared by all sources, with the model's thresholds to draw; and each
 * source's recent model inputs against the training profile ({@link FeatureDrift}).
 */
public final class Distributions {
    /** Most sources shown (the ones with most events). */
    public static final int MAX_SOURCES = 20;
    /** Score bins unless asked otherwise. */
    public static final int DEFAULT_BINS = 40;
    /** Risk bins: 20 bins of 5 points. */
    public static final int RISK_BINS = 20;

    private Distributions() {
    }

    /** Bins {@code [edges[i], edges[i+1])}, the last one closed; counts per source in the same order. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Histogram(@JsonProperty("edges") double[] edges, @JsonProperty("sources") List<SourceCounts> sources) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SourceCounts(@JsonProperty("source") String source, @JsonProperty("events") long events,
                               @JsonProperty("counts") long[] counts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(@JsonProperty("from") String from, @JsonProperty("to") String to,
                       @JsonProperty("model_version") String modelVersion,
                       @JsonProperty("thresholds") Thresholds thresholds,
                       @JsonProperty("score") Histogram score,
                       @JsonProperty("risk") Histogram risk,
                       @JsonProperty("features") List<FeatureDrift.SourceView> features) {
    }

    /**
     * @param source     one source only, or null for the {@link #MAX_SOURCES} busiest
     * @param bins       score bins (risk always has {@link #RISK_BINS})
     * @param recentRows the latest rows of each source compared with the training profile
     */
    public static View of(Database db, ActiveModel model, long from, long to, String source, int bins, int recentRows) {
        Calibration cal = model.pipeline().calibration();
        List<StatsStore.SourceSpan> spans = db.read("stats.sources", c -> StatsStore.sources(c, from, to, source, MAX_SOURCES));
        List<String> sources = spans.stream().map(StatsStore.SourceSpan::source).toList();
        // one scale for every source: the training scores' span, widened to what arrived
        double[] grid = cal.grid();
        double lo = grid[0];
        double hi = grid[grid.length - 1];
        for (StatsStore.SourceSpan s : spans) {
            lo = Math.min(lo, s.minScore());
            hi = Math.max(hi, s.maxScore());
        }
        double width = hi > lo ? (hi - lo) / bins : 1.0 / bins;
        double scoreLo = lo;
        List<StatsStore.BinCount> scoreCounts = db.read("stats.score_histogram",
                c -> StatsStore.histogram(c, StatsStore.Measure.SCORE, from, to, sources, scoreLo, width, bins));
        List<StatsStore.BinCount> riskCounts = db.read("stats.risk_histogram",
                c -> StatsStore.histogram(c, StatsStore.Measure.RISK, from, to, sources, 0, 100.0 / RISK_BINS, RISK_BINS));
        Histogram score = histogram(spans, scoreCounts, edges(lo, width, bins));
        Histogram risk = histogram(spans, riskCounts, edges(0, 100.0 / RISK_BINS, RISK_BINS));
        return new View(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), model.version(),
                Thresholds.of(cal), score, risk, features(db, model, source, recentRows));
    }

    /**
     * The latest {@code recentRows} events of each source (or of {@code source}) that {@code model}
     * scored, against its training profile; empty when the bundle keeps no profile.
     */
    public static List<FeatureDrift.SourceView> features(Database db, ActiveModel model, String source, int recentRows) {
        List<FeatureDrift.SourceView> features = new ArrayList<>();
        TrainingProfile profile = model.pipeline().profile().orElse(null);
        if (profile != null) {
            List<String> withInputs = source != null ? List.of(source)
                    : db.read("stats.input_sources", c -> EventInputStore.sources(c, model.version(), MAX_SOURCES));
            for (String s : withInputs) {
                List<EventInputStore.Row> rows = db.read("stats.inputs", c -> EventInputStore.latest(c, s, model.version(), recentRows));
                if (!rows.isEmpty()) {
                    features.add(FeatureDrift.of(s, profile, rows));
                }
            }
        }
        return features;
    }

    private static double[] edges(double lo, double width, int bins) {
        double[] e = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            e[i] = lo + i * width;
        }
        return e;
    }

    private static Histogram histogram(List<StatsStore.SourceSpan> spans, List<StatsStore.BinCount> counts, double[] edges) {
        Map<String, long[]> bySource = new HashMap<>();
        for (StatsStore.SourceSpan s : spans) {
            bySource.put(s.source(), new long[edges.length - 1]);
        }
        for (StatsStore.BinCount b : counts) {
            long[] c = bySource.get(b.source());
            if (c != null) {
                c[b.bin()] += b.count();
            }
        }
        List<SourceCounts> out = new ArrayList<>();
        for (StatsStore.SourceSpan s : spans) {
            out.add(new SourceCounts(s.source(), s.events(), bySource.get(s.source())));
        }
        return new Histogram(edges, out);
    }
}
