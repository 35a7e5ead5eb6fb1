package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.detect.FitReport;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.TrainingScores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fitted {@code auto}: the members it kept, combined as an ensemble, and the record of every
 * candidate's agreement and whether it was kept. Only the kept members are stored. With a clean
 * baseline the "candidates" are the clean members, all kept, with no agreement (NaN).
 */
public final class AutoModel implements FittedDetector, TrainingScores.LeaveOneOut, FitReport {

    /** One candidate: how it was configured, how much it agreed with the others, whether it was kept. */
    public record Candidate(String member, double agreement, boolean chosen) {
    }

    private final EnsembleModel kept;
    private final List<Candidate> candidates;
    private final double minAgreement;
    private final int maxMembers;
    private final String normalization;
    private final Baseline baseline;

    AutoModel(EnsembleModel kept, List<Candidate> candidates, double minAgreement, int maxMembers, String normalization,
              Baseline baseline) {
        this.kept = kept;
        this.candidates = List.copyOf(candidates);
        this.minAgreement = minAgreement;
        this.maxMembers = maxMembers;
        this.normalization = normalization;
        this.baseline = baseline;
    }

    @Override
    public String type() {
        return AutoFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return kept.featureCount();
    }

    /** The kept members as an ensemble. */
    public EnsembleModel kept() {
        return kept;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    public double minAgreement() {
        return minAgreement;
    }

    /** At most this many candidates were kept (the candidate count for bundles made before the cap). */
    public int maxMembers() {
        return maxMembers;
    }

    String normalization() {
        return normalization;
    }

    /** How it was fitted: unknown (members chosen by agreement) or clean (the clean members averaged). */
    public Baseline baseline() {
        return baseline;
    }

    @Override
    public double score(double[] row) {
        return kept.score(row);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        kept.score(x, out, threads);
    }

    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        kept.scoreTrainingRows(trainingRows, out, threads);
    }

    @Override
    public Map<String, Object> fitReport() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("detector", AutoFactory.TYPE);
        out.put(Baseline.PARAM, baseline.configName());
        if (baseline == Baseline.CLEAN) {
            out.put("why", cleanWhy());
            out.put("normalization", normalization);
            out.put("combination", kept.combination().configName());
            List<Map<String, Object>> list = new ArrayList<>();
            for (Candidate c : candidates) {
                Map<String, Object> m = new LinkedHashMap<>();   // in this order in the report
                m.put("member", c.member());
                m.put("chosen", true);
                list.add(m);
            }
            out.put("members", list);
            return out;
        }
        out.put("normalization", normalization);
        out.put("combination", kept.combination().configName());
        out.put("min_agreement", minAgreement);
        out.put("max_members", maxMembers);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Candidate c : candidates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", c.member());
            m.put("agreement", c.agreement());
            m.put("chosen", c.chosen());
            m.put("why", why(c));
            list.add(m);
        }
        out.put("candidates", list);
        return out;
    }

    private String why(Candidate c) {
        String a = String.format(Locale.ROOT, "%.3f", c.agreement());
        String t = String.format(Locale.ROOT, "%.3f", minAgreement);
        boolean anyAbove = candidates.stream().anyMatch(o -> o.agreement() > minAgreement);
        if (c.chosen()) {
            return anyAbove ? "agreement " + a + " > min_agreement " + t + ", among the " + maxMembers + " highest"
                    : "no candidate reached min_agreement " + t + ": the " + maxMembers + " most agreeing kept";
        }
        if (anyAbove && c.agreement() <= minAgreement) {
            return "agreement " + a + " ≤ min_agreement " + t + ": ranks the rows unlike the other candidates";
        }
        return "agreement " + a + " not among the " + maxMembers + " highest (max_members)";
    }

    /** Why a clean baseline fits what it fits, e.g. "baseline declared clean: mean of knn and kde, ...". */
    private String cleanWhy() {
        List<String> names = candidates.stream().map(Candidate::member).toList();
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return "baseline declared clean: mean of " + list + " (robust z of each against its training scores; no choice "
                + "by agreement, which guards against anomalies among the training rows), see docs/accuracy.md";
    }

    /** One line for the log: which members were kept and which dropped. */
    public String describe() {
        if (baseline == Baseline.CLEAN) {
            return "auto: " + cleanWhy();
        }
        StringBuilder b = new StringBuilder("auto kept");
        for (Candidate c : candidates) {
            if (c.chosen()) {
                b.append(String.format(Locale.ROOT, " %s (%.2f)", c.member(), c.agreement()));
            }
        }
        boolean dropped = false;
        for (Candidate c : candidates) {
            if (!c.chosen()) {
                b.append(dropped ? "," : "; dropped").append(String.format(Locale.ROOT, " %s (%.2f)", c.member(), c.agreement()));
                dropped = true;
            }
        }
        return b.append(String.format(Locale.ROOT, "; agreement with the other candidates, kept above %.2f, at most %d",
                minAgreement, maxMembers)).toString();
    }
}
