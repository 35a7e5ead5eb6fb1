package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

/**
 * The hyper-parameters of {@code stream_rcf}.
 *
 * @param shingleSize   {@code shingle_size}: how many consecutive rows form one point of the forest (≥ 1); default {@value #DEFAULT_SHINGLE_SIZE}
 * @param nTrees        {@code n_trees}: trees in each forest (≥ 1); default {@value #DEFAULT_N_TREES}
 * @param sampleSize    {@code sample_size}: points each tree keeps (≥ 2); default {@value #DEFAULT_SAMPLE_SIZE}
 * @param timeDecay     {@code time_decay}: λ, a point's chance to stay in a tree's sample decays like exp(-λ·age in rows); 0 = uniform over the whole stream; default {@value #DEFAULT_TIME_DECAY}
 * @param seasonLength  {@code season_length}: rows per season (e.g. 288 for a day of 5-minute rows); when &gt; 0 a second forest
 *                      scores the shingles of the seasonal differences x(t) − x(t − season_length); 0 = off (default)
 * @param warmup        {@code warmup}: rows learnt before any score is given (scores are 0 until then); default {@value #DEFAULT_WARMUP}
 * @param likelihood    {@code likelihood}: report the anomaly likelihood of the forest's score (true, default) or the raw forest score
 * @param averageWindow {@code average_window}: raw scores averaged before the likelihood (≥ 1); default {@value #DEFAULT_AVERAGE_WINDOW}
 * @param scoreWindow   {@code score_window}: past averaged scores the likelihood's normal is fitted to (≥ 100); default {@value #DEFAULT_SCORE_WINDOW}
 * @param spatialTolerance {@code spatial_tolerance}: a row with a value beyond the range of every value seen so far by more than
 *                      this fraction of that range is an alarm (Numenta's "spatial anomaly" rule); 0 = off; default {@value #DEFAULT_SPATIAL_TOLERANCE}
 * @param quietRows     {@code quiet_rows}: after a reported alarm, the next this many rows are not reported as alarms (their score is
 *                      capped at the warning level), so one incident is one alert; 0 = only a run of consecutive alarms is one alert;
 *                      default {@value #DEFAULT_QUIET_ROWS}
 * @param recallPeriod  {@code recall_period}: rows per season of the seasonal recall rule (e.g. 288, a day of 5-minute rows): an alarm
 *                      is lowered to the warning level when the likelihood was at the alarm level at the same time (± 1/24 of a
 *                      season) in at least 2 of the last 7 seasons; 0 = off (default)
 */
public record StreamRcfParams(int shingleSize, int nTrees, int sampleSize, double timeDecay, int seasonLength, int warmup,
                              boolean likelihood, int averageWindow, int scoreWindow, double spatialTolerance,
                              int quietRows, int recallPeriod) implements DetectorParams {
    public static final int DEFAULT_SHINGLE_SIZE = 4;
    public static final int DEFAULT_N_TREES = 100;
    public static final int DEFAULT_SAMPLE_SIZE = 256;
    public static final double DEFAULT_TIME_DECAY = 0.0001;
    public static final int DEFAULT_SEASON_LENGTH = 0;
    public static final int DEFAULT_WARMUP = 256;
    public static final boolean DEFAULT_LIKELIHOOD = true;
    public static final int DEFAULT_AVERAGE_WINDOW = 10;
    public static final int DEFAULT_SCORE_WINDOW = 8640;
    public static final double DEFAULT_SPATIAL_TOLERANCE = 0.1;
    public static final int DEFAULT_QUIET_ROWS = 400;
    public static final int DEFAULT_RECALL_PERIOD = 0;

    public static final StreamRcfParams DEFAULTS = new StreamRcfParams(DEFAULT_SHINGLE_SIZE, DEFAULT_N_TREES,
            DEFAULT_SAMPLE_SIZE, DEFAULT_TIME_DECAY, DEFAULT_SEASON_LENGTH, DEFAULT_WARMUP, DEFAULT_LIKELIHOOD,
            DEFAULT_AVERAGE_WINDOW, DEFAULT_SCORE_WINDOW, DEFAULT_SPATIAL_TOLERANCE, DEFAULT_QUIET_ROWS,
            DEFAULT_RECALL_PERIOD);

    /** The parameters of the first stored form (format version 1): no spatial rule, no quiet period. */
    public StreamRcfParams(int shingleSize, int nTrees, int sampleSize, double timeDecay, int seasonLength, int warmup,
                           boolean likelihood, int averageWindow, int scoreWindow) {
        this(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, warmup, likelihood, averageWindow, scoreWindow, 0, 0);
    }

    /** The parameters of the second stored form (format version 2): no seasonal recall. */
    public StreamRcfParams(int shingleSize, int nTrees, int sampleSize, double timeDecay, int seasonLength, int warmup,
                           boolean likelihood, int averageWindow, int scoreWindow, double spatialTolerance, int quietRows) {
        this(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, warmup, likelihood, averageWindow, scoreWindow,
                spatialTolerance, quietRows, 0);
    }

    public StreamRcfParams {
        String t = StreamRcfFactory.TYPE;
        ParamChecks.intAtLeast(t, "shingle_size", shingleSize, 1);
        ParamChecks.intAtLeast(t, "n_trees", nTrees, 1);
        ParamChecks.intAtLeast(t, "sample_size", sampleSize, 2);
        ParamChecks.doubleIn(t, "time_decay", timeDecay, 0, true, 1, true);
        ParamChecks.intAtLeast(t, "season_length", seasonLength, 0);
        ParamChecks.intAtLeast(t, "warmup", warmup, 0);
        ParamChecks.intAtLeast(t, "average_window", averageWindow, 1);
        ParamChecks.intAtLeast(t, "score_window", scoreWindow, ScoreLikelihood.MIN_SAMPLES);
        ParamChecks.doubleIn(t, "spatial_tolerance", spatialTolerance, 0, true, 1e6, true);
        ParamChecks.intAtLeast(t, "quiet_rows", quietRows, 0);
        ParamChecks.intAtLeast(t, "recall_period", recallPeriod, 0);
        if (recallPeriod == 1) {
            throw ParamChecks.fail(t, "recall_period", "0 (off) or at least 2 rows", "1");
        }
        if ((long) recallPeriod * SeasonalRecall.SEASONS > 1 << 24) {
            throw ParamChecks.fail(t, "recall_period", "at most 2^24 / " + SeasonalRecall.SEASONS + " rows", Integer.toString(recallPeriod));
        }
        if ((long) shingleSize * nTrees * sampleSize > 1L << 26) {
            throw ParamChecks.fail(t, "n_trees", "n_trees × sample_size × shingle_size at most 2^26",
                    nTrees + " × " + sampleSize + " × " + shingleSize);
        }
    }

    public StreamRcfParams withWarmup(int rows) {
        return new StreamRcfParams(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, rows, likelihood,
                averageWindow, scoreWindow, spatialTolerance, quietRows, recallPeriod);
    }

    public StreamRcfParams withSeasonLength(int rows) {
        return new StreamRcfParams(shingleSize, nTrees, sampleSize, timeDecay, rows, warmup, likelihood,
                averageWindow, scoreWindow, spatialTolerance, quietRows, recallPeriod);
    }

    public StreamRcfParams withLikelihood(boolean on) {
        return new StreamRcfParams(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, warmup, on,
                averageWindow, scoreWindow, spatialTolerance, quietRows, recallPeriod);
    }

    public StreamRcfParams withSpatialTolerance(double tolerance) {
        return new StreamRcfParams(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, warmup, likelihood,
                averageWindow, scoreWindow, tolerance, quietRows, recallPeriod);
    }

    public StreamRcfParams withQuietRows(int rows) {
        return new StreamRcfParams(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, warmup, likelihood,
                averageWindow, scoreWindow, spatialTolerance, rows, recallPeriod);
    }

    public StreamRcfParams withRecallPeriod(int rows) {
        return new StreamRcfParams(shingleSize, nTrees, sampleSize, timeDecay, seasonLength, warmup, likelihood,
                averageWindow, scoreWindow, spatialTolerance, quietRows, rows);
    }
}
