package io.sentinelrisk.core.evaluate.nab;

import io.sentinelrisk.core.util.StableIndexSort;

import java.util.Arrays;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark's scoring rules (NAB 1.x, {@code nab/sweeper.py}) for one profile.
 *
 * <p>Every row gets a weighted "sweep score": inside an anomaly window, the scaled sigmoid of its
 * relative position (1 x A_TP at the window's left edge, near 0 at its right edge); outside, a
 * false-positive penalty A_FP x the scaled sigmoid of its distance after the previous window
 * (-A_FP with no window before it or more than three window widths after it). The first 15% of
 * a file (at most 750 rows) is a probationary period and not scored. At a threshold, a row is a
 * detection when its anomaly score is at or above it; a file's score is the sum of its false
 * positives' penalties, plus for each window the best (earliest) detection in it, or -A_FN when
 * none. The sums follow NAB's order so that results match NAB's to the last bits.
 */
public final class NabScorer {

    /** NAB's probationary share of each file. */
    public static final double PROBATION_PERCENT = 0.15;
    /** NAB's sweep starts above any score in [0, 1]. */
    private static final double FIRST_THRESHOLD = 1.1;
    static final int PROBATION = -2;
    static final int OUTSIDE = -1;

    private final NabProfile profile;

    public NabScorer(NabProfile profile) {
        this.profile = profile;
    }

    public NabProfile profile() {
        return profile;
    }

    /**
     * Per-row sweep scores of one file.
     *
     * @param rowScores weighted sweep score of each row (NAB's {@code S(t)_<profile>} column)
     * @param window    the index of the row's window in the file, {@code -1} outside windows,
     *                  {@code -2} in the probationary period
     * @param windowStart the row index of each window's first row
     */
    public record Sweep(String name, double[] anomalyScores, double[] rowScores, int[] window, int[] windowStart) {
        public int windows() {
            return windowStart.length;
        }
    }

    /** NAB's scaled sigmoid: 2 sigmoid(-5 x) - 1, and -1 beyond 3. */
    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** NAB's probationary period of a file of {@code rows} rows: 15%, at most 750 rows; not scored. */
    public static double probationaryLength(int rows) {
        return Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
    }

    public Sweep sweep(NabSeries series) {
        long[] t = series.timestamps();
        int n = t.length;
        double[] rowScores = new double[n];
        int[] window = new int[n];
        double maxTp = scaledSigmoid(-1.0);
        double probation = probationaryLength(n);
        List<NabWindow> windows = series.windows();
        int[] windowStart = new int[windows.size()];
        int next = 0;
        int cur = -1;
        int curRight = -1;
        double curWidth = 0;
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            if (next < windows.size() && t[i] == windows.get(next).start()) {
                cur = next++;
                windowStart[cur] = i;
                curRight = firstIndex(series, windows.get(cur).end(), "end");
                curWidth = curRight - i + 1;
            }
            double weighted;
            if (cur >= 0) {
                double position = -(curRight - i + 1) / curWidth;
                weighted = scaledSigmoid(position) * profile.tpWeight() / maxTp;
            } else {
                double unweighted = prevRight < 0 ? -1.0 : scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
                weighted = unweighted * profile.fpWeight();
            }
            rowScores[i] = weighted;
            window[i] = i >= probation ? cur : PROBATION;
            if (cur >= 0 && t[i] == windows.get(cur).end()) {
                prevRight = i;
                prevWidth = curWidth;
                cur = -1;
            }
        }
        if (next < windows.size()) {
            throw new IllegalArgumentException(series.name() + ": the anomaly window starting at "
                    + NabFiles.format(windows.get(next).start()) + " does not start at a row's timestamp");
        }
        return new Sweep(series.name(), series.scores(), rowScores, window, windowStart);
    }

    private static int firstIndex(NabSeries series, long time, String edge) {
        long[] t = series.timestamps();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == time) {
                return i;
            }
        }
        throw new IllegalArgumentException(series.name() + ": the anomaly window " + edge + " "
                + NabFiles.format(time) + " is not a row's timestamp");
    }

    /**
     * NAB's score at every threshold over the pooled rows of the given files, highest threshold
     * first (NAB's {@code calcScoreByThreshold}); entry k counts as detections the rows whose
     * anomaly score is at or above {@code threshold[k]}.
     */
    public Curve curve(List<Sweep> sweeps) {
        int total = 0;
        int windowsTotal = 0;
        for (Sweep s : sweeps) {
            for (int w : s.window()) {
                if (w != PROBATION) {
                    total++;
                }
            }
            windowsTotal += s.windows();
        }
        double[] score = new double[total];
        double[] sweepScore = new double[total];
        int[] win = new int[total];
        int k = 0;
        int offset = 0;
        for (Sweep s : sweeps) {
            int[] w = s.window();
            for (int i = 0; i < w.length; i++) {
                if (w[i] != PROBATION) {
                    score[k] = s.anomalyScores()[i];
                    sweepScore[k] = s.rowScores()[i];
                    win[k] = w[i] < 0 ? OUTSIDE : offset + w[i];
                    k++;
                }
            }
            offset += s.windows();
        }
        int[] order = descendingStable(score);

        // NAB keeps {"fp": sum, window: best} in insertion order and re-sums it; so do we.
        double[] best = new double[windowsTotal];
        int[] partOrder = new int[windowsTotal];
        boolean[] seen = new boolean[windowsTotal];
        int parts = 0;
        int tn = 0;
        int fn = 0;
        for (int j : order) {
            if (win[j] == OUTSIDE) {
                tn++;
            } else {
                fn++;
                if (!seen[win[j]]) {
                    seen[win[j]] = true;
                    best[win[j]] = -profile.fnWeight();
                    partOrder[parts++] = win[j];
                }
            }
        }
        Curve.Builder curve = new Curve.Builder(total + 1);
        double fp = 0.0;
        int tp = 0;
        int fpCount = 0;
        double cur = sum(fp, best, partOrder, parts);
        double threshold = FIRST_THRESHOLD;
        for (int j : order) {
            if (score[j] != threshold) {
                curve.add(threshold, cur, tp, tn, fpCount, fn);
                threshold = score[j];
            }
            if (win[j] == OUTSIDE) {
                fpCount++;
                tn--;
                fp += sweepScore[j];
                cur = sum(fp, best, partOrder, parts);
            } else {
                tp++;
                fn--;
                if (sweepScore[j] > best[win[j]]) {
                    best[win[j]] = sweepScore[j];
                    cur = sum(fp, best, partOrder, parts);
                }
            }
        }
        curve.add(threshold, cur, tp, tn, fpCount, fn);
        return curve.build();
    }

    private static double sum(double fp, double[] best, int[] partOrder, int parts) {
        double s = fp;
        for (int p = 0; p < parts; p++) {
            s += best[partOrder[p]];
        }
        return s;
    }

    /**
     * What each row adds to the file's score at a threshold, as NAB's results files show it in
     * their {@code S(t)_<profile>} columns: a detected row outside windows its false-positive
     * penalty; each window's first row the reward of the window's best detection, or -A_FN when
     * it has none; every other row 0. Their sum is {@link #scoreAt}'s score.
     */
    public double[] contributions(Sweep sweep, double threshold) {
        NabFileScore chosen = scoreAt(sweep, threshold);
        int[] window = sweep.window();
        int scorableRows = 0;
        for (int w : window) {
            if (w != PROBATION) {
                scorableRows++;
            }
        }
        int[] rowOf = new int[scorableRows];
        double[] scores = new double[scorableRows];
        for (int i = 0, k = 0; i < window.length; i++) {
            if (window[i] != PROBATION) {
                rowOf[k] = i;
                scores[k++] = sweep.anomalyScores()[i];
            }
        }
        // The detections at the chosen threshold are the first tp + fp rows of NAB's sweep order.
        int[] order = descendingStable(scores);
        double[] best = new double[sweep.windows()];
        boolean[] scorable = new boolean[sweep.windows()];
        Arrays.fill(best, -profile.fnWeight());
        double[] out = new double[window.length];
        int detections = chosen.tp() + chosen.fp();
        for (int k = 0; k < order.length; k++) {
            int i = rowOf[order[k]];
            boolean detected = k < detections;
            if (window[i] == OUTSIDE) {
                if (detected) {
                    out[i] = sweep.rowScores()[i];
                }
            } else {
                scorable[window[i]] = true;
                if (detected) {
                    best[window[i]] = Math.max(best[window[i]], sweep.rowScores()[i]);
                }
            }
        }
        for (int w = 0; w < best.length; w++) {
            if (scorable[w]) {
                out[sweep.windowStart()[w]] = best[w];
            }
        }
        return out;
    }

    /** NAB's score of one file at a threshold (NAB's {@code scoreDataSet}). */
    public NabFileScore scoreAt(Sweep sweep, double threshold) {
        return curve(List.of(sweep)).at(threshold);
    }

    /**
     * NAB's threshold optimisation: the threshold of the best total score over the pooled rows of
     * all files (NAB's {@code optimize_threshold}); among equal scores the highest threshold, as
     * NAB's stable sort of its descending sweep picks.
     */
    public NabFileScore optimise(List<Sweep> sweeps) {
        Curve c = curve(sweeps);
        int bestIndex = 0;
        for (int i = 1; i < c.size(); i++) {
            if (c.score(i) > c.score(bestIndex)) {
                bestIndex = i;
            }
        }
        return c.row(bestIndex);
    }

    /** The perfect detector's score over these files, as NAB defines it: A_TP per window. */
    public double perfectScore(List<NabSeries> files) {
        int windows = 0;
        for (NabSeries s : files) {
            windows += s.windows().size();
        }
        return windows * profile.tpWeight();
    }

    /** The null detector's score (anomaly score 0 everywhere, NAB's null threshold) over these files. */
    public double nullScore(List<NabSeries> files) {
        double total = 0;
        for (NabSeries s : files) {
            NabSeries zeros = new NabSeries(s.name(), s.timestamps(), new double[s.rows()], s.windows());
            total += scoreAt(sweep(zeros), NULL_THRESHOLD).score();
        }
        return total;
    }

    /** NAB's optimised threshold of its null detector (config/thresholds.json); any value above 0 is equivalent. */
    public static final double NULL_THRESHOLD = 0.6250000000000001;

    /** NAB's normalised score: 100 (raw - null) / (perfect - null). */
    public static double normalised(double raw, double nullScore, double perfect) {
        return 100.0 * (raw - nullScore) / (perfect - nullScore);
    }

    /** Indices of {@code values} in descending order, ties in their original order (as Python's sorted). */
    static int[] descendingStable(double[] values) {
        return StableIndexSort.sort(StableIndexSort.identity(values.length),
                (a, b) -> Double.compare(values[a], values[b]) > 0);
    }

    /** NAB's scores by threshold, highest threshold first, in primitive arrays. */
    public static final class Curve {
        private final double[] threshold;
        private final double[] score;
        private final int[] tp;
        private final int[] tn;
        private final int[] fp;
        private final int[] fn;

        private Curve(Builder b) {
            this.threshold = Arrays.copyOf(b.threshold, b.size);
            this.score = Arrays.copyOf(b.score, b.size);
            this.tp = Arrays.copyOf(b.tp, b.size);
            this.tn = Arrays.copyOf(b.tn, b.size);
            this.fp = Arrays.copyOf(b.fp, b.size);
            this.fn = Arrays.copyOf(b.fn, b.size);
        }

        public int size() {
            return threshold.length;
        }

        public double score(int i) {
            return score[i];
        }

        public NabFileScore row(int i) {
            return new NabFileScore(threshold[i], score[i], tp[i], tn[i], fp[i], fn[i]);
        }

        /**
         * The row NAB's {@code scoreDataSet} picks for a threshold: the one equal to it, else the
         * lowest threshold above it; below every score, all rows are detections.
         */
        public NabFileScore at(double t) {
            for (int i = 0; i < threshold.length; i++) {
                if (threshold[i] == t) {
                    return row(i);
                }
                if (threshold[i] < t) {
                    return row(Math.max(0, i - 1));
                }
            }
            return row(threshold.length - 1);
        }

        static final class Builder {
            private final double[] threshold;
            private final double[] score;
            private final int[] tp;
            private final int[] tn;
            private final int[] fp;
            private final int[] fn;
            private int size;

            Builder(int capacity) {
                threshold = new double[capacity];
                score = new double[capacity];
                tp = new int[capacity];
                tn = new int[capacity];
                fp = new int[capacity];
                fn = new int[capacity];
            }

            void add(double t, double s, int tpCount, int tnCount, int fpCount, int fnCount) {
                threshold[size] = t;
                score[size] = s;
                tp[size] = tpCount;
                tn[size] = tnCount;
                fp[size] = fpCount;
                fn[size] = fnCount;
                size++;
            }

            Curve build() {
                return new Curve(this);
            }
        }
    }
}
