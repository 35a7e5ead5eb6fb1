package io.sentinelrisk.bench.nab;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.SequentialDetector;
import io.sentinelrisk.core.detect.stream.StreamRcfFactory;
import io.sentinelrisk.core.detect.stream.ScoreLikelihood;
import io.sentinelrisk.core.detect.stream.StreamRcfParams;
import io.sentinelrisk.core.evaluate.nab.NabFiles;
import io.sentinelrisk.core.evaluate.nab.NabScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code stream_rcf} over every NAB data file as NAB runs a detector: one fresh detector
 * per file, fed the rows in order, learning online; NAB's probationary period (15% of the file,
 * at most 750 rows) is its warm-up. Writes the results in NAB's layout and scores them with
 * {@link NabRun} (all three profiles, per category and overall), at the threshold optimised on
 * these files and at the likelihood's own alarm level ({@link ScoreLikelihood#ALARM_SCORE}).
 *
 * <pre>
 * NabStreamRcf [--nab DIR] [--out DIR] [--season daily|0|ROWS] [--recall daily|0|ROWS] [--likelihood true|false]
 *              [--shingle-size N] [--n-trees N] [--sample-size N] [--time-decay X] [--seed N]
 *              [--spatial-tolerance X] [--quiet-rows N] [--average-window N] [--score-window N] [--threads N]
 * </pre>
 * {@code --threads} runs files in parallel (each file has its own detector: same scores).
 * {@code --season} is 0 (off, the default) or rows; {@code daily} sets {@code season_length} to one day of rows from the file's own
 * sampling interval (its median time step): metadata a deployment also knows, not a per-file tuning. {@code --recall} sets
 * {@code recall_period} the same way.
 */
public final class NabStreamRcf {
    private NabStreamRcf() {
    }

    public static void main(String[] args) throws IOException {
        NabMain.run(args, NabStreamRcf::run);
    }

    static void run(String[] args) throws IOException {
        Path nab = NabMain.DEFAULT_NAB;
        Path out = Path.of("bench/target/nab-results/streamRcf");
        String season = "0";
        String recall = "0";
        StreamRcfParams p = StreamRcfParams.DEFAULTS;
        long seed = 42;
        int threads = 1;
        for (NabMain.Option o : NabMain.options(args)) {
            String v = o.value();
            switch (o.name()) {
                case "--nab" -> nab = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--season" -> season = v;
                case "--recall" -> recall = v;
                case "--seed" -> seed = Long.parseLong(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--likelihood" -> p = p.withLikelihood(Boolean.parseBoolean(v));
                case "--shingle-size" -> p = new StreamRcfParams(Integer.parseInt(v), p.nTrees(), p.sampleSize(),
                        p.timeDecay(), p.seasonLength(), p.warmup(), p.likelihood(), p.averageWindow(), p.scoreWindow(),
                        p.spatialTolerance(), p.quietRows());
                case "--n-trees" -> p = new StreamRcfParams(p.shingleSize(), Integer.parseInt(v), p.sampleSize(),
                        p.timeDecay(), p.seasonLength(), p.warmup(), p.likelihood(), p.averageWindow(), p.scoreWindow(),
                        p.spatialTolerance(), p.quietRows());
                case "--sample-size" -> p = new StreamRcfParams(p.shingleSize(), p.nTrees(), Integer.parseInt(v),
                        p.timeDecay(), p.seasonLength(), p.warmup(), p.likelihood(), p.averageWindow(), p.scoreWindow(),
                        p.spatialTolerance(), p.quietRows());
                case "--time-decay" -> p = new StreamRcfParams(p.shingleSize(), p.nTrees(), p.sampleSize(),
                        Double.parseDouble(v), p.seasonLength(), p.warmup(), p.likelihood(), p.averageWindow(),
                        p.scoreWindow(), p.spatialTolerance(), p.quietRows());
                case "--average-window" -> p = new StreamRcfParams(p.shingleSize(), p.nTrees(), p.sampleSize(),
                        p.timeDecay(), p.seasonLength(), p.warmup(), p.likelihood(), Integer.parseInt(v), p.scoreWindow(),
                        p.spatialTolerance(), p.quietRows());
                case "--score-window" -> p = new StreamRcfParams(p.shingleSize(), p.nTrees(), p.sampleSize(),
                        p.timeDecay(), p.seasonLength(), p.warmup(), p.likelihood(), p.averageWindow(), Integer.parseInt(v),
                        p.spatialTolerance(), p.quietRows());
                case "--spatial-tolerance" -> p = p.withSpatialTolerance(Double.parseDouble(v));
                case "--quiet-rows" -> p = p.withQuietRows(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown option " + o.name());
            }
        }
        NabData data = NabData.load(nab);
        long started = System.nanoTime();
        StreamRcfParams params = p;
        String seasonOption = season;
        String recallOption = recall;
        long seedValue = seed;
        double[][] scores = data.scoreAll(f -> run(f, params, seasonOption, recallOption, seedValue), threads);
        long rows = data.files().stream().mapToLong(f -> f.values().length).sum();
        data.write(out, out.getFileName().toString(), scores);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "stream_rcf %s, season %s, recall %s, seed %d: %d files, %d rows in %.1f s (%.0f rows/s)%n",
                p, season, recall, seed, data.files().size(), rows, seconds, rows / seconds);
        NabRun.run(new String[] {"--nab", nab.toString(), "--results", out.toString(),
            "--fixed-threshold", Double.toString(ScoreLikelihood.ALARM_SCORE)});
        for (String published : List.of("numenta", "randomCutForest")) {
            comparePublished(published, nab);
        }
    }

    /** One file run as NAB runs a detector: a fresh detector, NAB's probationary period as warm-up, rows in order. */
    static double[] run(NabData.File f, StreamRcfParams p, String season, String recall, long seed) {
        int n = f.values().length;
        StreamRcfParams fp = p.withWarmup((int) NabScorer.probationaryLength(n))
                .withSeasonLength(rows(season, f.timestamps()))
                .withRecallPeriod(rows(recall, f.timestamps()));
        SequentialDetector d = (SequentialDetector) StreamRcfFactory.trainer(fp, seed)
                .fit(new Matrix(0, 1, new double[0]), null, 1);
        double[] scores = new double[n];
        d.score(new Matrix(n, 1, f.values()), scores, 1);
        return scores;
    }

    /**
     * NAB's published standard-profile per-file scores of another detector (at NAB's threshold
     * for it, optimised on all 58 files), summed over the same files and normalised with the same
     * null and perfect scores as ours. The tables (bench resources nab/published, copied from
     * numenta/NAB's results folder, MIT licence) hold the rows of the files present here.
     */
    static void comparePublished(String detector, Path nab) throws IOException {
        String resource = "/nab/published/" + detector + "_standard_scores.csv";
        List<String> lines;
        try (var in = NabStreamRcf.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        var windows = NabFiles.readWindows(nab.resolve("labels/combined_windows.json"));
        java.util.Map<String, double[]> byCategory = new java.util.TreeMap<>();   // raw, windows
        for (String line : lines) {
            String[] f = line.split(",");
            if (!Files.isRegularFile(nab.resolve("data").resolve(f[2]))) {
                continue;
            }
            String category = f[2].substring(0, f[2].indexOf('/'));
            for (String key : List.of(category, "all")) {
                double[] acc = byCategory.computeIfAbsent(key, k -> new double[3]);
                acc[0] += Double.parseDouble(f[4]);
                acc[1] += windows.get(f[2]).size();
                acc[2]++;
            }
        }
        System.out.printf(Locale.ROOT, "%n== NAB's published %s results, standard profile, on the same files%n", detector);
        for (var e : byCategory.entrySet()) {
            double w = e.getValue()[1];
            System.out.printf(Locale.ROOT, "%-24s %5d %10.4f normalised %6.2f%n", e.getKey(), (int) e.getValue()[2],
                    e.getValue()[0], NabScorer.normalised(e.getValue()[0], -w, w));
        }
    }

    /** {@code daily}: one day of the file's rows ({@link #dailyRows}); otherwise a number of rows. */
    static int rows(String option, long[] timestamps) {
        return option.equals("daily") ? dailyRows(timestamps) : Integer.parseInt(option);
    }

    /** Rows per day from the median time step; 0 when the step does not divide a day into at least 2 rows. */
    static int dailyRows(long[] timestamps) {
        if (timestamps.length < 2) {
            return 0;
        }
        long[] steps = new long[timestamps.length - 1];
        for (int i = 1; i < timestamps.length; i++) {
            steps[i - 1] = timestamps[i] - timestamps[i - 1];
        }
        Arrays.sort(steps);
        long step = steps[steps.length / 2];
        return step > 0 && step <= 43_200 ? (int) (86_400 / step) : 0;
    }
}
