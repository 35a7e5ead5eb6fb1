package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;

/**
 * Turns a stream of raw anomaly scores into how unlikely the recent ones are, after Numenta's
 * anomaly likelihood (Ahmad et al., "Unsupervised real-time anomaly detection for streaming
 * data", Neurocomputing 2017): the mean of the last {@code shortWindow} raw scores is compared
 * with a normal fitted to the means of the last {@code longWindow} steps; its upper-tail
 * probability is the likelihood that things are as usual. A run of very small tail
 * probabilities reports its first one only (later ones are raised to {@link #YELLOW}), as
 * Numenta's filter does, so one incident is one alarm (NAB counts only the first detection in an
 * anomaly window, and every later one outside it as a false positive). The normal is fitted to
 * the scores themselves: fitting it to log scores (tried) lowered the NAB score. The statistics only hold scores from
 * before the current step.
 */
public final class ScoreLikelihood {
    /** Tail probability at or below which a step is an alarm (likelihood 0.99999). */
    static final double RED = 1e-5;
    /**
     * The score of a step at the alarm level ({@link #logScore} of {@link #RED}, about 0.5): a threshold fixed by the
     * likelihood's construction, before any data is seen.
     */
    public static final double ALARM_SCORE = logScore(RED);
    /** What later steps of an alarm run are raised to (likelihood 0.999). */
    static final double YELLOW = 1e-3;
    /** The tail probability of a certain alarm: {@link #logScore} maps it to 1. */
    static final double FLOOR = 0;
    /** Means needed before the normal is trusted; until then every step is "as usual" (0.5). */
    static final int MIN_SAMPLES = 100;
    /** The standard deviation is at least this fraction of the mean, so a flat stretch of scores does not make every wiggle an alarm. */
    static final double MIN_RELATIVE_SD = 0.05;

    private final double[] recent;
    private final double[] history;
    private int recentCount;
    private long historyCount;
    private double sum;
    private double sumSq;
    private double recentSum;
    private double previousTail = 1;

    public ScoreLikelihood(int shortWindow, int longWindow) {
        recent = new double[shortWindow];
        history = new double[longWindow];
    }

    private ScoreLikelihood(ScoreLikelihood o) {
        recent = o.recent.clone();
        history = o.history.clone();
        recentCount = o.recentCount;
        historyCount = o.historyCount;
        sum = o.sum;
        sumSq = o.sumSq;
        recentSum = o.recentSum;
        previousTail = o.previousTail;
    }

    ScoreLikelihood copy() {
        return new ScoreLikelihood(this);
    }

    /** Adds this step's raw score; returns its filtered tail probability in (0, 1]. */
    public double step(double raw) {
        int r = recentCount % recent.length;
        recentSum += raw - (recentCount >= recent.length ? recent[r] : 0);
        recent[r] = raw;
        recentCount++;
        double mean = recentSum / Math.min(recentCount, recent.length);
        long n = Math.min(historyCount, history.length);
        double tail = 0.5;
        if (n >= MIN_SAMPLES) {
            double mu = sum / n;
            double var = Math.max(0, sumSq / n - mu * mu);
            double sd = Math.max(Math.sqrt(var), Math.max(MIN_RELATIVE_SD * Math.abs(mu), 1e-12));
            tail = upperTail((mean - mu) / sd);
        }
        int h = (int) (historyCount % history.length);
        if (historyCount >= history.length) {
            sum -= history[h];
            sumSq -= history[h] * history[h];
        }
        history[h] = mean;
        sum += mean;
        sumSq += mean * mean;
        historyCount++;
        if (historyCount % history.length == 0) {
            resum();   // running sums drift with rounding: recompute them once per window
        }
        double filtered = tail <= RED && previousTail <= RED ? YELLOW : tail;
        previousTail = tail;
        return filtered;
    }

    private void resum() {
        sum = 0;
        sumSq = 0;
        for (double v : history) {
            sum += v;
            sumSq += v * v;
        }
    }

    /** Numenta's log scale: tail 1e-10 or less maps to 1, tail 1e-5 to 0.5, tail 0.5 to about 0. */
    public static double logScore(double tail) {
        return Math.log(1.0000000001 - (1 - tail)) / Math.log(1.0 - 0.9999999999);
    }

    /** P(Z > z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** The complementary error function, Chebyshev fit with relative error below 1.2e-7 (Numerical Recipes' erfcc). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    void write(BinaryWriter w) {
        w.writeDoubles(recent).writeDoubles(history).writeInt(recentCount).writeLong(historyCount).writeDouble(sum)
                .writeDouble(sumSq).writeDouble(recentSum).writeDouble(previousTail);
    }

    static ScoreLikelihood read(BinaryReader r, int shortWindow, int longWindow) {
        ScoreLikelihood s = new ScoreLikelihood(shortWindow, longWindow);
        double[] rec = r.readDoubles();
        double[] his = r.readDoubles();
        if (rec.length != shortWindow || his.length != longWindow) {
            throw r.corrupt("likelihood windows of " + rec.length + " and " + his.length + " values");
        }
        System.arraycopy(rec, 0, s.recent, 0, shortWindow);
        System.arraycopy(his, 0, s.history, 0, longWindow);
        s.recentCount = r.readInt();
        s.historyCount = r.readLong();
        s.sum = r.readDouble();
        s.sumSq = r.readDouble();
        s.recentSum = r.readDouble();
        s.previousTail = r.readDouble();
        if (s.recentCount < 0 || s.historyCount < 0) {
            throw r.corrupt("negative likelihood counts");
        }
        return s;
    }
}
