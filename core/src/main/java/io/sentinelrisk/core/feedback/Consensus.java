package io.sentinelrisk.core.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One verdict per alert from many (docs/feedback.md, "Several analysts"): each analyst's latest
 * verdict on the alert counts (an analyst who changes their mind is counted once); the alert's
 * verdict is the most frequent definite one (true_positive, false_positive, benign) among them,
 * a tie going to the verdict given last. An alert whose analysts all said unknown stays unknown.
 */
public final class Consensus {
    /**
     * An alert and what its analysts said.
     *
     * @param alertId  the alert
     * @param verdict  the consensus ({@link Verdict#UNKNOWN} when nobody decided)
     * @param analysts each analyst's latest verdict, by analyst, in order of first verdict
     * @param lastTime when the last verdict was given
     */
    public record Judged(String alertId, Verdict verdict, Map<String, Verdict> analysts, Instant lastTime) {
        /** 1 threat, 0 no threat, -1 unknown. */
        public int label() {
            return verdict.label();
        }
    }

    private Consensus() {
    }

    /**
     * The verdict of every alert named in {@code entries}, in order of the alert's first verdict.
     *
     * @param modelId the model whose alert ids event keys are turned into
     */
    public static Map<String, Judged> of(List<FeedbackEntry> entries, String modelId) {
        Map<String, List<FeedbackEntry>> byAlert = new LinkedHashMap<>();
        for (FeedbackEntry e : entries) {
            byAlert.computeIfAbsent(e.alertIdFor(modelId), k -> new ArrayList<>()).add(e);
        }
        Map<String, Judged> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<FeedbackEntry>> a : byAlert.entrySet()) {
            out.put(a.getKey(), judge(a.getKey(), a.getValue()));
        }
        return out;
    }

    private static Judged judge(String alertId, List<FeedbackEntry> verdicts) {
        // stable: same time keeps file order, so "latest" is the later line
        List<FeedbackEntry> inTime = new ArrayList<>(verdicts);
        inTime.sort(Comparator.comparing(FeedbackEntry::time));
        Map<String, FeedbackEntry> latest = new LinkedHashMap<>();
        for (FeedbackEntry e : inTime) {
            latest.remove(e.analyst());
            latest.put(e.analyst(), e);   // re-inserted: the map ends in order of each analyst's latest verdict
        }
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Map<Verdict, Integer> lastAt = new EnumMap<>(Verdict.class);
        int at = 0;
        for (FeedbackEntry e : latest.values()) {
            if (e.verdict() != Verdict.UNKNOWN) {
                counts.merge(e.verdict(), 1, Integer::sum);
                lastAt.put(e.verdict(), at);
            }
            at++;
        }
        Verdict best = Verdict.UNKNOWN;
        int bestCount = 0;
        for (Map.Entry<Verdict, Integer> c : counts.entrySet()) {
            boolean more = c.getValue() > bestCount;
            boolean laterTie = c.getValue() == bestCount && lastAt.get(c.getKey()) > lastAt.get(best);
            if (more || laterTie) {
                best = c.getKey();
                bestCount = c.getValue();
            }
        }
        Map<String, Verdict> analysts = new LinkedHashMap<>();
        for (FeedbackEntry e : verdicts) {
            analysts.putIfAbsent(e.analyst(), null);
        }
        latest.forEach((who, e) -> analysts.put(who, e.verdict()));
        return new Judged(alertId, best, analysts, inTime.get(inTime.size() - 1).time());
    }
}
