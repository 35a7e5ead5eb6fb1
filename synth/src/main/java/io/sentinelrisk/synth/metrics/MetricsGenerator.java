package io.sentinelrisk.synth.metrics;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.synth.FrameBuilder;
import io.sentinelrisk.synth.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Operational metrics: each series is a level with a daily and a weekly cycle and Gaussian noise,
 * with spikes (one point off by 10–20 noise deviations), level shifts (24–72 points moved by 10–20
 * deviations) and drifts (48–144 points sliding away linearly to 15–30 deviations) planted after
 * the first 15% of points, which stay clean for a detector to learn from. Every point of a shift
 * or drift is labeled. Rows are in time order, series by series within one time.
 */
public final class MetricsGenerator {
    public static final List<String> COLUMNS = List.of("timestamp", "series", "value", "scenario", "label");
    public static final List<String> SCENARIOS = List.of("normal", "spike", "level_shift", "drift");
    private static final List<String> NAMES = List.of("requests_per_s", "latency_ms", "cpu_util", "memory_mb",
            "error_rate", "queue_depth");
    static final int SPIKE = 1;
    static final int SHIFT = 2;
    static final int DRIFT = 3;
    static final int MIN_SHIFT = 24;
    static final int MAX_SHIFT = 72;
    static final int MIN_DRIFT = 48;
    static final int MAX_DRIFT = 144;
    /** Clean points kept between two planted anomalies. */
    static final int GAP = 12;
    static final double CLEAN_SHARE = 0.15;
    private static final double DAY_S = 86_400;
    private static final double WEEK_S = 7 * DAY_S;

    private MetricsGenerator() {
    }

    public static Frame generate(MetricsConfig config) {
        int s = config.series();
        int p = config.points();
        int n = s * p;
        long[] ts = new long[n];
        int[] series = new int[n];
        double[] value = new double[n];
        int[] scenario = new int[n];
        double[] label = new double[n];
        long startMs = config.start().toEpochMilli();
        double[] clean = new double[p];
        byte[] kind = new byte[p];
        double[] delta = new double[p];
        for (int k = 0; k < s; k++) {
            SplittableRandom rng = Seeds.stream(config.randomState(), 100L + k);
            double level = Seeds.logNormal(rng, 100, 0.8);
            double daily = level * Seeds.uniform(rng, 0.1, 0.3);
            double weekly = level * Seeds.uniform(rng, 0.03, 0.1);
            double noise = level * Seeds.uniform(rng, 0.01, 0.03);
            double phaseDay = Seeds.uniform(rng, 0, 2 * Math.PI);
            double phaseWeek = Seeds.uniform(rng, 0, 2 * Math.PI);
            for (int t = 0; t < p; t++) {
                double sec = (double) t * config.intervalSeconds();
                clean[t] = level + daily * Math.sin(2 * Math.PI * sec / DAY_S + phaseDay)
                        + weekly * Math.sin(2 * Math.PI * sec / WEEK_S + phaseWeek) + noise * rng.nextGaussian();
            }
            java.util.Arrays.fill(kind, (byte) 0);
            java.util.Arrays.fill(delta, 0);
            plant(config, rng, noise, kind, delta);
            for (int t = 0; t < p; t++) {
                int row = t * s + k;
                ts[row] = startMs + (long) t * config.intervalSeconds() * 1000;
                series[row] = k;
                value[row] = Seeds.round(clean[t] + delta[t], 4);
                scenario[row] = kind[t];
                label[row] = kind[t] == 0 ? 0 : 1;
            }
        }
        List<String> names = new ArrayList<>(s);
        for (int k = 0; k < s; k++) {
            names.add(k < NAMES.size() ? NAMES.get(k) : "metric_" + (k + 1));
        }
        return new FrameBuilder()
                .timestamp("timestamp", ts, ColumnRole.ID)
                .categorical("series", series, names, ColumnRole.ID)
                .numeric("value", value, ColumnRole.FEATURE)
                .categorical("scenario", scenario, SCENARIOS, ColumnRole.IGNORE)
                .numeric("label", label, ColumnRole.LABEL)
                .build();
    }

    /** Places the anomalies of one series in disjoint windows after the clean start. */
    private static void plant(MetricsConfig config, SplittableRandom rng, double noise, byte[] kind, double[] delta) {
        int p = kind.length;
        int first = (int) Math.ceil(p * CLEAN_SHARE);
        int need = config.spikes() * (1 + GAP) + config.levelShifts() * (MAX_SHIFT + GAP) + config.drifts() * (MAX_DRIFT + GAP);
        if (need > (p - first) / 2) {
            throw new InputException("--points: " + p + " points leave too little room for " + config.spikes() + " spikes, "
                    + config.levelShifts() + " level shifts and " + config.drifts() + " drifts (they need about "
                    + (2 * need + first) + " points)");
        }
        // Long windows first, while there is most room.
        for (int i = 0; i < config.drifts(); i++) {
            int len = MIN_DRIFT + rng.nextInt(MAX_DRIFT - MIN_DRIFT + 1);
            int at = place(rng, kind, first, len);
            double end = sign(rng) * Seeds.uniform(rng, 15, 30) * noise;
            for (int t = 0; t < len; t++) {
                kind[at + t] = DRIFT;
                delta[at + t] = end * (t + 1) / len;
            }
        }
        for (int i = 0; i < config.levelShifts(); i++) {
            int len = MIN_SHIFT + rng.nextInt(MAX_SHIFT - MIN_SHIFT + 1);
            int at = place(rng, kind, first, len);
            double by = sign(rng) * Seeds.uniform(rng, 10, 20) * noise;
            for (int t = 0; t < len; t++) {
                kind[at + t] = SHIFT;
                delta[at + t] = by;
            }
        }
        for (int i = 0; i < config.spikes(); i++) {
            int at = place(rng, kind, first, 1);
            kind[at] = SPIKE;
            delta[at] = sign(rng) * Seeds.uniform(rng, 10, 20) * noise;
        }
    }

    /** A start for a window of {@code len} points with {@link #GAP} clean points on both sides. */
    private static int place(SplittableRandom rng, byte[] kind, int first, int len) {
        int p = kind.length;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int at = first + GAP + rng.nextInt(p - first - 2 * GAP - len + 1);
            boolean free = true;
            for (int t = at - GAP; t < at + len + GAP && free; t++) {
                free = kind[t] == 0;
            }
            if (free) {
                return at;
            }
        }
        throw new InputException("--points: no room left to place another anomaly; use fewer anomalies or more points");
    }

    private static double sign(SplittableRandom rng) {
        return rng.nextBoolean() ? 1 : -1;
    }
}
