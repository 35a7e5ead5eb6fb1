package io.sentinelrisk.bench.nab;

import com.amazon.randomcutforest.RandomCutForest;
import io.sentinelrisk.core.detect.stream.AlarmRules;
import io.sentinelrisk.core.detect.stream.ScoreLikelihood;
import io.sentinelrisk.core.detect.stream.StreamRcfParams;
import io.sentinelrisk.core.evaluate.nab.NabScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The NAB baseline of {@code stream_rcf}: Amazon's {@code randomcutforest-core} (4.4.0,
 * Apache-2.0; a bench dependency only, never in the product) run as NAB runs a detector (one
 * forest per file, rows in order, score then update), with the same shingle size, trees, sample
 * size and time decay as {@code stream_rcf}'s defaults, and its raw score put through the same
 * likelihood layer ({@link ScoreLikelihood}, fed from half the probationary period on, as
 * {@code stream_rcf} feeds it; scores 0 in the probationary period). Two variants: the
 * likelihood alone, and with {@code stream_rcf}'s default {@link AlarmRules} (spatial rule and
 * quiet period) too, so that the forests themselves are what differs. Each is written in NAB's
 * layout and scored with {@link NabRun}.
 *
 * <pre>
 * NabAmazonRcf [--nab DIR] [--out DIR] [--seed N] [--threads N]
 * </pre>
 */
public final class NabAmazonRcf {
    private NabAmazonRcf() {
    }

    public static void main(String[] args) throws IOException {
        NabMain.run(args, NabAmazonRcf::run);
    }

    static void run(String[] args) throws IOException {
        Path nab = NabMain.DEFAULT_NAB;
        Path out = Path.of("bench/target/nab-results");
        long seed = 42;
        int threads = 1;
        for (NabMain.Option o : NabMain.options(args)) {
            String v = o.value();
            switch (o.name()) {
                case "--nab" -> nab = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--threads" -> threads = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + o.name());
            }
        }
        NabData data = NabData.load(nab);
        StreamRcfParams d = StreamRcfParams.DEFAULTS;
        long s = seed;
        for (boolean rules : new boolean[] {false, true}) {
            String name = rules ? "amazonRcfRules" : "amazonRcf";
            long started = System.nanoTime();
            double[][] scores = data.scoreAll(f -> run(f, d, rules, s), threads);
            System.out.printf(Locale.ROOT, "%n%s: randomcutforest-core 4.4.0, shingle %d, %d trees, sample %d, time decay %s, "
                            + "likelihood (average %d, window %d)%s, seed %d: %.1f s%n", name, d.shingleSize(), d.nTrees(),
                    d.sampleSize(), d.timeDecay(), d.averageWindow(), d.scoreWindow(),
                    rules ? String.format(Locale.ROOT, ", spatial_tolerance %s, quiet_rows %d", d.spatialTolerance(),
                            d.quietRows()) : "", s, (System.nanoTime() - started) / 1e9);
            data.write(out.resolve(name), name, scores);
            NabRun.run(new String[] {"--nab", nab.toString(), "--results", out.resolve(name).toString()});
        }
    }

    static double[] run(NabData.File f, StreamRcfParams p, boolean rules, long seed) {
        int n = f.values().length;
        int warmup = (int) NabScorer.probationaryLength(n);
        RandomCutForest forest = RandomCutForest.builder().dimensions(p.shingleSize()).shingleSize(p.shingleSize())
                .internalShinglingEnabled(true).numberOfTrees(p.nTrees()).sampleSize(p.sampleSize())
                .timeDecay(p.timeDecay()).randomSeed(seed).build();
        ScoreLikelihood likelihood = new ScoreLikelihood(p.averageWindow(), p.scoreWindow());
        AlarmRules alarms = new AlarmRules(1, rules ? p.spatialTolerance() : 0, rules ? p.quietRows() : 0);
        double[] scores = new double[n];
        double[] point = new double[1];
        for (int t = 0; t < n; t++) {
            point[0] = f.values()[t];
            double raw = forest.getAnomalyScore(point);
            forest.update(point);
            double tail = t >= warmup / 2 ? likelihood.step(raw) : 1;
            boolean spatial = alarms.observe(point, 0);
            scores[t] = t < warmup ? 0 : ScoreLikelihood.logScore(alarms.filter(tail, spatial, t));
        }
        return scores;
    }
}
