package io.sentinelrisk.core.feedback;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a {@link FeedbackReport} from verdicts and, when known, the facts of the judged alerts
 * (docs/feedback.md). Works on any source of verdicts and facts: a feedback file and a scorecard
 * here, an alert store in the server.
 */
public final class FeedbackStats {
    /** Time buckets of the precision-over-time table. */
    public enum Bucket {
        DAY, WEEK;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        String period(long epochMillis) {
            LocalDate d = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
            return this == DAY ? d.toString()
                    : String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    }

    private FeedbackStats() {
    }

    /**
     * @param entries the verdicts
     * @param modelId the model the verdicts judge (turns event keys into alert ids)
     * @param facts   alert id → facts from the scored data, or null when there is none; the
     *                category is then "unknown" and periods go by verdict time
     * @param categoryBasis what the facts' categories are: "category" (the business mapping's) or
     *                "severity"; ignored without facts ("none")
     * @param bucket  the periods of the over-time table
     */
    public static FeedbackReport compute(List<FeedbackEntry> entries, String modelId, Map<String, AlertFacts> facts,
                                         String categoryBasis, Bucket bucket) {
        int[] lines = new int[Verdict.values().length];
        for (FeedbackEntry e : entries) {
            lines[e.verdict().ordinal()]++;
        }
        Map<String, Consensus.Judged> judged = Consensus.of(entries, modelId);
        Integer unmatched = null;
        if (facts != null) {
            int n = 0;
            for (FeedbackEntry e : entries) {
                n += facts.containsKey(e.alertIdFor(modelId)) ? 0 : 1;
            }
            unmatched = n;
        }
        int[] all = new int[3];
        Map<String, int[]> byCategory = new TreeMap<>();
        Map<String, int[]> byPeriod = new TreeMap<>();
        boolean eventTimes = facts != null;
        int decided = 0;
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (Consensus.Judged j : judged.values()) {
            if (j.verdict() == Verdict.UNKNOWN) {
                continue;
            }
            AlertFacts f = facts == null ? null : facts.get(j.alertId());
            if (facts != null && f == null) {
                continue;   // not in the scored data: counted in unmatched_verdicts only
            }
            decided++;
            int slot = j.verdict().ordinal();   // TRUE_POSITIVE 0, FALSE_POSITIVE 1, BENIGN 2
            all[slot]++;
            byCategory.computeIfAbsent(f == null ? "unknown" : f.category(), k -> new int[3])[slot]++;
            long t = f != null && f.eventMillis() != AlertFacts.NO_TIME ? f.eventMillis() : j.lastTime().toEpochMilli();
            eventTimes &= f != null && f.eventMillis() != AlertFacts.NO_TIME;
            byPeriod.computeIfAbsent(bucket.period(t), k -> new int[3])[slot]++;
            boolean flagged = f == null || f.isAnomaly();
            boolean threat = j.label() == 1;
            if (flagged && threat) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (threat) {
                fn++;
            } else {
                tn++;
            }
        }
        List<FeedbackReport.Tally> categories = new ArrayList<>();
        byCategory.forEach((k, c) -> categories.add(FeedbackReport.Tally.of(k, c[0], c[1], c[2])));
        List<FeedbackReport.Tally> periods = new ArrayList<>();
        byPeriod.forEach((k, c) -> periods.add(FeedbackReport.Tally.of(k, c[0], c[1], c[2])));
        var accuracy = new FeedbackReport.Accuracy(facts == null ? "alerts_only" : "scored", decided, tp + tn,
                decided == 0 ? null : (double) (tp + tn) / decided, tp, fp, tn, fn);
        return new FeedbackReport(FeedbackReport.VERSION, modelId, entries.size(),
                new FeedbackReport.VerdictCounts(lines[0], lines[1], lines[2], lines[3]), judged.size(), decided, unmatched,
                FeedbackReport.Tally.of("all", all[0], all[1], all[2]),
                facts == null ? "none" : categoryBasis,
                categories,
                new FeedbackReport.OverTime(bucket.id(), eventTimes && decided > 0 ? "event_time" : "verdict_time", periods),
                accuracy, agreement(judged.values()));
    }

    /**
     * Fleiss' kappa over the alerts that two or more analysts decided: per alert i with n_i definite
     * verdicts of which n_ik are verdict k, P_i = Σ_k n_ik (n_ik − 1) / (n_i (n_i − 1)); agreement
     * P̄ = mean P_i; chance P_e = Σ_k p_k², p_k = Σ_i n_ik / Σ_i n_i; kappa = (P̄ − P_e) / (1 − P_e).
     */
    static FeedbackReport.Agreement agreement(Iterable<Consensus.Judged> judged) {
        int alerts = 0;
        double sumP = 0;
        long[] pooled = new long[3];
        long total = 0;
        for (Consensus.Judged j : judged) {
            int[] n = new int[3];
            int ni = 0;
            for (Verdict v : j.analysts().values()) {
                if (v != null && v != Verdict.UNKNOWN) {
                    n[v.ordinal()]++;
                    ni++;
                }
            }
            if (ni < 2) {
                continue;
            }
            alerts++;
            double agree = 0;
            for (int k = 0; k < 3; k++) {
                agree += (double) n[k] * (n[k] - 1);
                pooled[k] += n[k];
            }
            total += ni;
            sumP += agree / ((double) ni * (ni - 1));
        }
        if (alerts == 0) {
            return new FeedbackReport.Agreement(0, null, null);
        }
        double p = sumP / alerts;
        double pe = 0;
        for (long c : pooled) {
            double share = (double) c / total;
            pe += share * share;
        }
        Double kappa = pe >= 1 ? null : (p - pe) / (1 - pe);
        return new FeedbackReport.Agreement(alerts, p, kappa);
    }
}
