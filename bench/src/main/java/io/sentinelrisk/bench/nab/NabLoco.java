package io.sentinelrisk.bench.nab;

import io.sentinelrisk.core.detect.stream.ScoreLikelihood;
import io.sentinelrisk.core.evaluate.nab.NabFileScore;
import io.sentinelrisk.core.evaluate.nab.NabProfile;
import io.sentinelrisk.core.evaluate.nab.NabScorer;
import io.sentinelrisk.core.evaluate.nab.NabSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * In-sample and leave-one-category-out NAB scores of a set of detector variants on the same
 * files. In-sample: the variant and threshold with the best total over all files. Leave one
 * category out: for each category, the variant and threshold are chosen on the other categories
 * only (best total there) and the held-out category is scored with them; the held-out raw scores
 * added up over the categories give an estimate of the score of a choice made without the files
 * it is measured on. "Alarm level" scores every variant at the likelihood's own alarm level
 * ({@link ScoreLikelihood#ALARM_SCORE}), a threshold fixed before any file is seen.
 */
final class NabLoco {
    private NabLoco() {
    }

    static void report(NabData data, Map<String, double[][]> variants) {
        List<String> categories = new ArrayList<>(new TreeSet<>(data.files().stream().map(NabData.File::category).toList()));
        for (NabProfile profile : NabProfile.all()) {
            NabScorer scorer = new NabScorer(profile);
            Map<String, List<NabScorer.Sweep>> sweeps = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> v : variants.entrySet()) {
                List<NabScorer.Sweep> s = new ArrayList<>();
                for (int i = 0; i < data.files().size(); i++) {
                    NabData.File f = data.files().get(i);
                    s.add(scorer.sweep(new NabSeries(f.key(), f.timestamps(), v.getValue()[i], f.windows())));
                }
                sweeps.put(v.getKey(), s);
            }
            System.out.printf(Locale.ROOT, "%n== profile %s: in-sample (threshold optimised on all files)%n", profile.name());
            System.out.printf(Locale.ROOT, "%-44s %8s", "variant", "all");
            for (String c : categories) {
                System.out.printf(Locale.ROOT, " %22s", c);
            }
            System.out.printf(Locale.ROOT, " %14s %12s%n", "LOCO thr. only", "alarm level");
            String best = null;
            double bestRaw = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, List<NabScorer.Sweep>> v : sweeps.entrySet()) {
                NabFileScore opt = scorer.optimise(v.getValue());
                System.out.printf(Locale.ROOT, "%-44s %8.2f", v.getKey(), normalised(scorer, data, null, opt.score()));
                for (String c : categories) {
                    System.out.printf(Locale.ROOT, " %22.2f", normalised(scorer, data, c,
                            rawAt(scorer, data, v.getValue(), c, true, opt.threshold())));
                }
                // this variant fixed, only the threshold chosen on the other categories
                double heldOut = 0;
                for (String c : categories) {
                    double t = scorer.optimise(select(data, v.getValue(), c, false)).threshold();
                    heldOut += rawAt(scorer, data, v.getValue(), c, true, t);
                }
                // nothing chosen on any file: the likelihood's own alarm level as the threshold
                double atAlarm = 0;
                for (NabScorer.Sweep s : v.getValue()) {
                    atAlarm += scorer.scoreAt(s, ScoreLikelihood.ALARM_SCORE).score();
                }
                System.out.printf(Locale.ROOT, " %14.2f %12.2f%n", normalised(scorer, data, null, heldOut),
                        normalised(scorer, data, null, atAlarm));
                if (opt.score() > bestRaw) {
                    bestRaw = opt.score();
                    best = v.getKey();
                }
            }
            System.out.printf(Locale.ROOT, "in-sample best: %s, %.2f%n", best, normalised(scorer, data, null, bestRaw));
            System.out.printf(Locale.ROOT, "-- leave one category out (variant and threshold chosen on the other categories)%n");
            double heldOutTotal = 0;
            for (String c : categories) {
                String chosen = null;
                double chosenRaw = Double.NEGATIVE_INFINITY;
                double chosenThreshold = 0;
                for (Map.Entry<String, List<NabScorer.Sweep>> v : sweeps.entrySet()) {
                    List<NabScorer.Sweep> others = select(data, v.getValue(), c, false);
                    NabFileScore opt = scorer.optimise(others);
                    if (opt.score() > chosenRaw) {
                        chosenRaw = opt.score();
                        chosen = v.getKey();
                        chosenThreshold = opt.threshold();
                    }
                }
                double raw = rawAt(scorer, data, sweeps.get(chosen), c, true, chosenThreshold);
                heldOutTotal += raw;
                System.out.printf(Locale.ROOT, "held out %-22s chosen %-44s threshold %.4f  held-out normalised %6.2f%n", c,
                        chosen, chosenThreshold, normalised(scorer, data, c, raw));
            }
            System.out.printf(Locale.ROOT, "leave-one-category-out, all files: %.2f%n", normalised(scorer, data, null, heldOutTotal));
        }
    }

    private static List<NabScorer.Sweep> select(NabData data, List<NabScorer.Sweep> sweeps, String category, boolean in) {
        List<NabScorer.Sweep> out = new ArrayList<>();
        for (int i = 0; i < sweeps.size(); i++) {
            if (data.files().get(i).category().equals(category) == in) {
                out.add(sweeps.get(i));
            }
        }
        return out;
    }

    private static double rawAt(NabScorer scorer, NabData data, List<NabScorer.Sweep> sweeps, String category, boolean in,
                                double threshold) {
        double raw = 0;
        for (NabScorer.Sweep s : select(data, sweeps, category, in)) {
            raw += scorer.scoreAt(s, threshold).score();
        }
        return raw;
    }

    /** Normalised score of a raw total over one category's files, or all files when {@code category} is null. */
    static double normalised(NabScorer scorer, NabData data, String category, double raw) {
        List<NabSeries> series = data.files().stream().filter(f -> category == null || f.category().equals(category))
                .map(f -> new NabSeries(f.key(), f.timestamps(), new double[f.values().length], f.windows())).toList();
        return NabScorer.normalised(raw, scorer.nullScore(series), scorer.perfectScore(series));
    }
}
