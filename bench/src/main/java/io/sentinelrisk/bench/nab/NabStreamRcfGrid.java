package io.sentinelrisk.bench.nab;

import io.sentinelrisk.core.detect.stream.StreamRcfParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@code stream_rcf} on every NAB file for each combination of {@code n_trees},
 * {@code time_decay}, {@code spatial_tolerance} and {@code quiet_rows} (other parameters at
 * their defaults) and reports, per profile, the
 * in-sample and the leave-one-category-out scores ({@link NabLoco}): how much of the score of the
 * best combination is owed to choosing it on the files it is measured on.
 *
 * <pre>
 * NabStreamRcfGrid [--nab DIR] [--seed N] [--threads N] [--spatial X,Y,..] [--quiet N,M,..] [--time-decay X,Y,..]
 *                  [--n-trees N,M,..] [--recall 0,daily,..]
 * </pre>
 * {@code --recall}: {@code recall_period} values, 0 (off), {@code daily} (one day of the file's rows) or rows.
 */
public final class NabStreamRcfGrid {
    private NabStreamRcfGrid() {
    }

    public static void main(String[] args) throws IOException {
        NabMain.run(args, NabStreamRcfGrid::run);
    }

    static void run(String[] args) throws IOException {
        Path nab = NabMain.DEFAULT_NAB;
        long seed = 42;
        int threads = 2;
        double[] spatial = {0, 0.05, 0.1};
        double[] quiet = {0, 100, 200, 400};
        double[] decay = {StreamRcfParams.DEFAULT_TIME_DECAY};
        double[] trees = {StreamRcfParams.DEFAULT_N_TREES};
        String[] recall = {"0"};
        for (NabMain.Option o : NabMain.options(args)) {
            String v = o.value();
            switch (o.name()) {
                case "--nab" -> nab = Path.of(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--spatial" -> spatial = list(v);
                case "--quiet" -> quiet = list(v);
                case "--time-decay" -> decay = list(v);
                case "--n-trees" -> trees = list(v);
                case "--recall" -> recall = v.split(",");
                default -> throw new IllegalArgumentException("unknown option " + o.name());
            }
        }
        NabData data = NabData.load(nab);
        Map<String, double[][]> variants = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (double n : trees) {
            for (double d : decay) {
                for (double s : spatial) {
                    for (double q : quiet) {
                        for (String rt : recall) {
                            StreamRcfParams p = new StreamRcfParams(StreamRcfParams.DEFAULT_SHINGLE_SIZE, (int) n,
                                    StreamRcfParams.DEFAULT_SAMPLE_SIZE, d, 0, StreamRcfParams.DEFAULT_WARMUP, true,
                                    StreamRcfParams.DEFAULT_AVERAGE_WINDOW, StreamRcfParams.DEFAULT_SCORE_WINDOW, s, (int) q);
                            String name = String.format(Locale.ROOT, "trees %d decay %s spatial %s quiet %d recall %s",
                                    (int) n, d, s, (int) q, rt);
                            long finalSeed = seed;
                            variants.put(name, data.scoreAll(f -> NabStreamRcf.run(f, p, "0", rt, finalSeed), threads));
                            System.err.printf(Locale.ROOT, "%s done after %.0f s%n", name,
                                    (System.nanoTime() - started) / 1e9);
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "stream_rcf grid, seed %d, %d files, variants: n_trees %s x time_decay %s x "
                + "spatial_tolerance %s x quiet_rows %s x recall_period %s%n", seed, data.files().size(),
                Arrays.toString(trees), Arrays.toString(decay), Arrays.toString(spatial), Arrays.toString(quiet),
                Arrays.toString(recall));
        NabLoco.report(data, variants);
    }

    private static double[] list(String v) {
        return Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
