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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Distributions page's data: histograms of the raw score and of risk per source over a time
 * range, on fixed bins shared by all sources (one pass over the events in SQL), with the model's
 * thresholds to draw; and each source's recent model inputs against the training profile
 * ({@link FeatureDrift}).
 */
public final class Distributions {
    /** Most sources shown (the ones with most events). */
    public static final int MAX_SOURCES = 20;
    /** The most (source, score bin, risk bin) groups read: 20 sources of 200 bins, each over a few risk bins, fit many times. */
    static final int MAX_GROUPS = 100_000;
    /** Score bins unless asked otherwise. */
    public static final int DEFAULT_BINS = 40;
    /** Risk bins: 20 bins of 5 points. */
    public static final int RISK_BINS = 20;

    private Distributions() {
    }

    /**
     * Bins {@code [edges[i], edges[i+1])}; the first bin also counts the values below it and the
     * last the values at or above its end. Counts per source in the bins' order.
     */
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
    public static View of(Database db, ActiveModel model, Function<String, ActiveModel> modelFor, long from, long to, String source,
                          int bins, int recentRows) {
        Calibration cal = model.pipeline().calibration();
        // one scale for every source: the training scores' span; scores beyond it count in the end bins
        double[] grid = cal.grid();
        double lo = grid[0];
        double width = grid[grid.length - 1] > lo ? (grid[grid.length - 1] - lo) / bins : 1.0 / bins;
        double riskWidth = 100.0 / RISK_BINS;
        List<StatsStore.BinCount> counts = db.read("stats.histograms",
                c -> StatsStore.histograms(c, from, to, source, lo, width, bins, riskWidth, RISK_BINS, MAX_GROUPS));
        Map<String, long[]> score = new HashMap<>();
        Map<String, long[]> risk = new HashMap<>();
        Map<String, Long> events = new HashMap<>();
        for (StatsStore.BinCount b : counts) {
            score.computeIfAbsent(b.source(), k -> new long[bins])[b.scoreBin()] += b.count();
            risk.computeIfAbsent(b.source(), k -> new long[RISK_BINS])[b.riskBin()] += b.count();
            events.merge(b.source(), b.count(), Long::sum);
        }
        List<String> busiest = events.keySet().stream()
                .sorted(Comparator.comparing((String k) -> -events.get(k)).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SOURCES).toList();
        return new View(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), model.version(),
                Thresholds.of(cal), histogram(busiest, events, score, edges(lo, width, bins)),
                histogram(busiest, events, risk, edges(0, riskWidth, RISK_BINS)), features(db, modelFor, source, recentRows));
    }

    /**
     * The latest {@code recentRows} kept events of each source (or of {@code source}), read with the
     * model that scores that source ({@code modelFor}), against its training profile; a source whose
     * model keeps no profile is left out.
     */
    public static List<FeatureDrift.SourceView> features(Database db, Function<String, ActiveModel> modelFor, String source,
                                                         int recentRows) {
        List<FeatureDrift.SourceView> features = new ArrayList<>();
        List<String> withInputs = source != null ? List.of(source)
                : db.read("stats.input_sources", c -> EventInputStore.sources(c, MAX_SOURCES));
        for (String s : withInputs) {
            ActiveModel model = modelFor.apply(s);
            TrainingProfile profile = model.pipeline().profile().orElse(null);
            if (profile == null) {
                continue;
            }
            List<EventInputStore.Row> rows = db.read("stats.inputs", c -> EventInputStore.latest(c, s, model.version(), recentRows));
            if (!rows.isEmpty()) {
                features.add(FeatureDrift.of(s, profile, rows));
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

    private static Histogram histogram(List<String> sources, Map<String, Long> events, Map<String, long[]> counts, double[] edges) {
        List<SourceCounts> out = new ArrayList<>();
        for (String s : sources) {
            out.add(new SourceCounts(s, events.get(s), counts.get(s)));
        }
        return new Histogram(edges, out);
    }
}
