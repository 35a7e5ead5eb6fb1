package io.sentinelrisk.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.evaluate.nab.NabFileScore;
import io.sentinelrisk.core.evaluate.nab.NabFiles;
import io.sentinelrisk.core.evaluate.nab.NabProfile;
import io.sentinelrisk.core.evaluate.nab.NabScorer;
import io.sentinelrisk.core.evaluate.nab.NabSeries;
import io.sentinelrisk.core.evaluate.nab.NabWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a detector's NAB results over every NAB data file present, with NAB's rules: per
 * profile, the threshold optimised over all these files (as NAB's optimiser does) and, when a
 * thresholds.json names the detector, NAB's own threshold; normalised scores per profile and per
 * category against the null and perfect detectors on the same files. When the results directory
 * holds NAB's per-file score tables ({@code <detector>_<profile>_scores.csv}), compares ours with them.
 *
 * <pre>
 * NabRun --nab DIR --results DIR [--detector NAME] [--thresholds config/thresholds.json] [--fixed-threshold X]
 * </pre>
 * {@code --fixed-threshold}: also the scores at this threshold (a detector's own alarm level, not chosen on the files).
 * Results layout as NAB's: {@code <results>/<category>/<detector>_<file>.csv} with columns
 * {@code timestamp} and {@code anomaly_score}.
 */
public final class NabRun {

    record FileRun(String file, String category, NabSeries series) {
    }

    public static void main(String[] args) throws IOException {
        NabMain.run(args, NabRun::run);
    }

    static void run(String[] args) throws IOException {
        Path nab = NabMain.DEFAULT_NAB;
        Path results = null;
        String detector = null;
        Path thresholds = null;
        double fixed = Double.NaN;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--nab" -> nab = Path.of(need(args[i], v));
                case "--results" -> results = Path.of(need(args[i], v));
                case "--detector" -> detector = need(args[i], v);
                case "--thresholds" -> thresholds = Path.of(need(args[i], v));
                case "--fixed-threshold" -> fixed = Double.parseDouble(need(args[i], v));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --nab, --results, --detector, --thresholds, --fixed-threshold)");
            }
            i++;
        }
        if (results == null) {
            throw new IllegalArgumentException("--results DIR is required (NAB layout: DIR/<category>/<detector>_<file>.csv)");
        }
        if (detector == null) {
            detector = results.getFileName().toString();
        }
        Map<String, List<NabWindow>> windows = NabFiles.readWindows(nab.resolve("labels/combined_windows.json"));
        List<FileRun> files = new ArrayList<>();
        for (Map.Entry<String, List<NabWindow>> e : new TreeMap<>(windows).entrySet()) {
            String file = e.getKey();
            if (!Files.isRegularFile(nab.resolve("data").resolve(file))) {
                continue;   // this NAB copy holds only some categories
            }
            String category = file.substring(0, file.indexOf('/'));
            Path csv = results.resolve(category).resolve(detector + "_" + file.substring(file.indexOf('/') + 1));
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException("no results for " + file + ": expected " + csv);
            }
            NabFiles.Table t = NabFiles.readTable(csv);
            files.add(new FileRun(file, category, new NabSeries(file, t.timestamps(), t.column("anomaly_score"),
                    e.getValue())));
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no NAB data files under " + nab.resolve("data"));
        }
        JsonNode published = thresholds == null ? null : new ObjectMapper().readTree(thresholds.toFile()).get(detector);
        System.out.printf(Locale.ROOT, "NAB scores of %s on %d files (%d windows) of %s%n", detector, files.size(),
                files.stream().mapToInt(f -> f.series().windows().size()).sum(), nab.resolve("data"));
        for (NabProfile profile : NabProfile.all()) {
            NabScorer scorer = new NabScorer(profile);
            List<NabScorer.Sweep> sweeps = new ArrayList<>();
            for (FileRun f : files) {
                sweeps.add(scorer.sweep(f.series()));
            }
            NabFileScore optimised = scorer.optimise(sweeps);
            System.out.printf(Locale.ROOT, "%n== profile %s (A_TP %.2f, A_FP %.2f, A_FN %.2f)%n", profile.name(),
                    profile.tpWeight(), profile.fpWeight(), profile.fnWeight());
            report(scorer, files, sweeps, optimised.threshold(), "threshold optimised on these files");
            if (!Double.isNaN(fixed)) {
                report(scorer, files, sweeps, fixed, "fixed threshold, chosen before any file was seen");
            }
            if (published != null && published.has(profile.name())) {
                double t = published.get(profile.name()).get("threshold").asDouble();
                Map<String, NabFileScore> ours = report(scorer, files, sweeps, t, "NAB's published threshold");
                compare(results.resolve(detector + "_" + profile.name() + "_scores.csv"), ours);
            }
        }
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Prints the normalised score over all files and per category at one threshold; returns the per-file scores. */
    static Map<String, NabFileScore> report(NabScorer scorer, List<FileRun> files, List<NabScorer.Sweep> sweeps,
                                            double threshold, String what) {
        Map<String, NabFileScore> perFile = new LinkedHashMap<>();
        Map<String, List<FileRun>> byCategory = new TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            perFile.put(files.get(i).file(), scorer.scoreAt(sweeps.get(i), threshold));
            byCategory.computeIfAbsent(files.get(i).category(), k -> new ArrayList<>()).add(files.get(i));
        }
        System.out.printf(Locale.ROOT, "-- %s: %s%n", what, threshold);
        System.out.printf(Locale.ROOT, "%-24s %5s %10s %9s %9s %10s %6s %6s%n", "category", "files", "raw", "null",
                "perfect", "normalised", "TP", "FP");
        byCategory.put("all", files);
        for (Map.Entry<String, List<FileRun>> c : byCategory.entrySet()) {
            List<NabSeries> series = c.getValue().stream().map(FileRun::series).toList();
            double raw = 0;
            int tp = 0;
            int fp = 0;
            for (FileRun f : c.getValue()) {
                NabFileScore s = perFile.get(f.file());
                raw += s.score();
                tp += s.tp();
                fp += s.fp();
            }
            double nul = scorer.nullScore(series);
            double perfect = scorer.perfectScore(series);
            System.out.printf(Locale.ROOT, "%-24s %5d %10.4f %9.1f %9.1f %10.2f %6d %6d%n", c.getKey(), series.size(),
                    raw, nul, perfect, NabScorer.normalised(raw, nul, perfect), tp, fp);
        }
        return perFile;
    }

    /** Compares with NAB's published per-file table when it is there. */
    static void compare(Path table, Map<String, NabFileScore> ours) throws IOException {
        if (!Files.isRegularFile(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        int compared = 0;
        int countMismatches = 0;
        double maxDiff = 0;
        double publishedTotal = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            NabFileScore o = ours.get(f[2]);
            if (o == null) {
                continue;
            }
            compared++;
            publishedTotal += Double.parseDouble(f[4]);
            maxDiff = Math.max(maxDiff, Math.abs(o.score() - Double.parseDouble(f[4])));
            if (o.tp() != Integer.parseInt(f[5]) || o.tn() != Integer.parseInt(f[6])
                    || o.fp() != Integer.parseInt(f[7]) || o.fn() != Integer.parseInt(f[8])) {
                countMismatches++;
                System.out.println("   counts differ for " + f[2] + ": published " + line + ", ours " + o);
            }
        }
        System.out.printf(Locale.ROOT, "   vs NAB's %s: %d files compared, published raw total %.6f, "
                + "max |score difference| %.2e, files with different TP/TN/FP/FN: %d%n",
                table.getFileName(), compared, publishedTotal, maxDiff, countMismatches);
    }
}
