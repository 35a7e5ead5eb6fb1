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
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Distributions page's data: histograms of the raw score and of risk per source over a time
 * range, and each source's recent model inputs against the training profile ({@link FeatureDrift}).
 * Raw scores are only comparable within one model, so each source's score histogram is binned over
 * the training scores of the model scoring it (its champion, else the default's) and carries that
 * model's thresholds; risk (0–100) is comparable across models and shares its bins. The events are
 * read in one grouped SQL pass per model scale, the sources grouped by the model scoring them.
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

    /** Raw-score histograms, each on the scale of the model scoring its source. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScoreHistograms(@JsonProperty("sources") List<SourceScores> sources) {
    }

    /**
     * One source's raw-score histogram over bins {@code [edges[i], edges[i+1])} of its model's
     * training scores, with that model's version and thresholds (on score and on risk).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SourceScores(@JsonProperty("source") String source, @JsonProperty("events") long events,
                               @JsonProperty("model_version") String modelVersion,
                               @JsonProperty("thresholds") Thresholds thresholds,
                               @JsonProperty("edges") double[] edges, @JsonProperty("counts") long[] counts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(@JsonProperty("from") String from, @JsonProperty("to") String to,
                       @JsonProperty("score") ScoreHistograms score,
                       @JsonProperty("risk") Histogram risk,
                       @JsonProperty("features") List<FeatureDrift.SourceView> features) {
    }

    /** The sources one model scores: {@code only} them, or every source except {@code except}. */
    private record Scale(ActiveModel model, List<String> sources, boolean except) {
    }

    /**
     * @param champions  each source's champion (as {@code ModelRegistry.champions()})
     * @param rest       the model of the sources without a champion (the default's)
     * @param source     one source only, or null for the {@link #MAX_SOURCES} busiest
     * @param bins       score bins per source (risk always has {@link #RISK_BINS})
     * @param recentRows the latest rows of each source compared with the training profile
     */
    public static View of(Database db, Map<String, ActiveModel> champions, ActiveModel rest, Function<String, ActiveModel> modelFor,
                          long from, long to, String source, int bins, int recentRows) {
        double riskWidth = 100.0 / RISK_BINS;
        Map<String, long[]> score = new HashMap<>();
        Map<String, long[]> risk = new HashMap<>();
        Map<String, Long> events = new HashMap<>();
        Map<String, ActiveModel> modelOf = new HashMap<>();
        Map<String, double[]> edgesOf = new HashMap<>();
        for (Scale scale : scales(champions, rest, modelFor, source)) {
            Calibration cal = scale.model().pipeline().calibration();
            // the model's scale: its training scores' span; scores beyond it count in the end bins
            double[] grid = cal.grid();
            double lo = grid[0];
            double width = grid[grid.length - 1] > lo ? (grid[grid.length - 1] - lo) / bins : 1.0 / bins;
            double[] edges = edges(lo, width, bins);
            List<StatsStore.BinCount> counts = db.read("stats.histograms", c -> StatsStore.histograms(c, from, to,
                    scale.sources(), scale.except(), lo, width, bins, riskWidth, RISK_BINS, MAX_GROUPS));
            for (StatsStore.BinCount b : counts) {
                score.computeIfAbsent(b.source(), k -> new long[bins])[b.scoreBin()] += b.count();
                risk.computeIfAbsent(b.source(), k -> new long[RISK_BINS])[b.riskBin()] += b.count();
                events.merge(b.source(), b.count(), Long::sum);
                modelOf.put(b.source(), scale.model());
                edgesOf.put(b.source(), edges);
            }
        }
        List<String> busiest = events.keySet().stream()
                .sorted(Comparator.comparing((String k) -> -events.get(k)).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SOURCES).toList();
        List<SourceScores> scores = new ArrayList<>();
        List<SourceCounts> risks = new ArrayList<>();
        for (String s : busiest) {
            ActiveModel m = modelOf.get(s);
            scores.add(new SourceScores(s, events.get(s), m.version(), Thresholds.of(m.pipeline().calibration()), edgesOf.get(s),
                    score.get(s)));
            risks.add(new SourceCounts(s, events.get(s), risk.get(s)));
        }
        return new View(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), new ScoreHistograms(scores),
                new Histogram(edges(0, riskWidth, RISK_BINS), risks), features(db, modelFor, source, recentRows));
    }

    /**
     * The sources grouped by the model scoring them: one group per champion model other than
     * {@code rest} (its sources), and {@code rest} for every other source; only the source's own
     * model when one source is asked.
     */
    private static List<Scale> scales(Map<String, ActiveModel> champions, ActiveModel rest, Function<String, ActiveModel> modelFor,
                                      String source) {
        if (source != null) {
            return List.of(new Scale(modelFor.apply(source), List.of(source), false));
        }
        Map<String, List<String>> byVersion = new TreeMap<>();
        Map<String, ActiveModel> models = new HashMap<>();
        List<String> elsewhere = new ArrayList<>();
        for (Map.Entry<String, ActiveModel> e : champions.entrySet()) {
            ActiveModel m = e.getValue();
            if (!m.version().equals(rest.version())) {
                byVersion.computeIfAbsent(m.version(), k -> new ArrayList<>()).add(e.getKey());
                models.put(m.version(), m);
                elsewhere.add(e.getKey());
            }
        }
        List<Scale> scales = new ArrayList<>();
        scales.add(new Scale(rest, elsewhere, true));
        byVersion.forEach((version, sources) -> scales.add(new Scale(models.get(version), sources, false)));
        return scales;
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
}
