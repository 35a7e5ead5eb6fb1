package io.sentinelrisk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.server.scoring.FeedbackVerdict;
import io.sentinelrisk.server.store.FeedbackStore;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/feedback/stats}: precision (confirmed / judged) of the alerts analysts gave a
 * verdict on, overall, by category, by severity and by day of the verdict. The latest verdict on
 * an alert counts. A {@code benign} verdict (unusual but harmless) is judged and not confirmed: it
 * lowers precision like a false positive, and is counted apart so the two can be told apart.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FeedbackStats(@JsonProperty("overall") Counts overall,
                            @JsonProperty("by_category") List<Counts> byCategory,
                            @JsonProperty("by_severity") List<Counts> bySeverity,
                            @JsonProperty("by_day") List<Counts> byDay) {

    /** Verdict counts of one group; {@code precision} is null when nothing was judged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(@JsonProperty("key") String key,
                         @JsonProperty("true_positive") int truePositive,
                         @JsonProperty("false_positive") int falsePositive,
                         @JsonProperty("benign") int benign,
                         @JsonProperty("precision") @JsonInclude(JsonInclude.Include.ALWAYS) Double precision) {
        static Counts of(String key, int[] n) {
            int judged = n[0] + n[1] + n[2];
            return new Counts(key, n[0], n[1], n[2], judged == 0 ? null : (double) n[0] / judged);
        }
    }

    public static FeedbackStats of(List<FeedbackStore.Labelled> all) {
        Map<String, FeedbackStore.Labelled> latest = new LinkedHashMap<>();
        for (FeedbackStore.Labelled l : all) {
            latest.put(l.alertId(), l);
        }
        int[] overall = new int[3];
        Map<String, int[]> category = new TreeMap<>();
        Map<String, int[]> severity = new TreeMap<>();
        Map<String, int[]> day = new TreeMap<>();
        for (FeedbackStore.Labelled l : latest.values()) {
            FeedbackVerdict v = FeedbackVerdict.parse(l.verdict());
            int k = v == null ? 1 : v.ordinal();   // counts are indexed in the enum's order: tp, fp, benign
            overall[k]++;
            category.computeIfAbsent(l.category() == null ? "none" : l.category(), x -> new int[3])[k]++;
            severity.computeIfAbsent(l.severity(), x -> new int[3])[k]++;
            day.computeIfAbsent(Instant.ofEpochMilli(l.createdAt()).atZone(ZoneOffset.UTC).toLocalDate().toString(), x -> new int[3])[k]++;
        }
        return new FeedbackStats(Counts.of(null, overall), list(category), list(severity), list(day));
    }

    private static List<Counts> list(Map<String, int[]> m) {
        List<Counts> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Counts.of(k, v)));
        return out;
    }
}
