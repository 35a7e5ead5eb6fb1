package io.sentinelrisk.core.detect.stream;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.List;

/**
 * {@code stream_rcf}: a streaming detector for metrics (one or more numeric series in time
 * order). A robust random cut forest over shingles learns online with time decay, optionally
 * with a second forest on seasonal differences, and each row's forest score is reported as its
 * anomaly likelihood against the recent scores. See docs/detectors.md.
 */
public final class StreamRcfFactory implements DetectorFactory {
    public static final String TYPE = "stream_rcf";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Streaming random cut forest for metrics in time order: shingles, time decay, optional seasonal "
                + "differences, anomaly likelihood of the score, new-value-range rule, quiet period after an alarm, optional seasonal recall "
                + "(an alarm at the time of an earlier season's alarm is not news); each row scored from the rows before it";
    }

    @Override
    public List<ParamSpec> params() {
        StreamRcfParams d = StreamRcfParams.DEFAULTS;
        return List.of(
                ParamSpec.ofInt("shingle_size", d.shingleSize(), "consecutive rows that form one point of the forest (≥ 1)"),
                ParamSpec.ofInt("n_trees", d.nTrees(), "trees per forest (≥ 1)"),
                ParamSpec.ofInt("sample_size", d.sampleSize(), "points each tree keeps (≥ 2)"),
                ParamSpec.ofDouble("time_decay", d.timeDecay(), "λ in [0, 1]: a point stays in a tree's sample with "
                        + "probability decaying like exp(-λ·age in rows); 0 = uniform over the whole stream"),
                ParamSpec.ofInt("season_length", d.seasonLength(), "rows per season (e.g. 288 = one day of 5-minute rows); "
                        + "> 0 adds a forest on the differences x(t) - x(t - season_length); 0 = off"),
                ParamSpec.ofInt("warmup", d.warmup(), "rows learnt before scores are given (scores are 0 until then)"),
                ParamSpec.ofBoolean("likelihood", d.likelihood(), "score = anomaly likelihood of the forest score in [0, 1] "
                        + "(true) or the raw forest score (false)"),
                ParamSpec.ofInt("average_window", d.averageWindow(), "raw scores averaged before the likelihood (≥ 1)"),
                ParamSpec.ofInt("score_window", d.scoreWindow(), "past averaged scores the likelihood is measured against (≥ 100)"),
                ParamSpec.ofDouble("spatial_tolerance", d.spatialTolerance(), "a value beyond the range of all values so far "
                        + "by more than this fraction of the range is an alarm; 0 = off"),
                ParamSpec.ofInt("quiet_rows", d.quietRows(), "rows after a reported alarm in which later alarms are lowered "
                        + "to the warning level (one incident, one alert); 0 = only consecutive alarms"),
                ParamSpec.ofInt("recall_period", d.recallPeriod(), "rows per season (e.g. 288 = one day of 5-minute rows) of "
                        + "the seasonal recall rule: an alarm is lowered to the warning level when the likelihood was at the "
                        + "alarm level at the same time (± 1/24 season) in at least 2 of the last 7 seasons; 0 = off"));
    }

    @Override
    public StreamRcfParams paramsOf(Params params) {
        return new StreamRcfParams(params.getInt("shingle_size"), params.getInt("n_trees"), params.getInt("sample_size"),
                params.getDouble("time_decay"), params.getInt("season_length"), params.getInt("warmup"),
                params.getBoolean("likelihood"), params.getInt("average_window"), params.getInt("score_window"),
                params.getDouble("spatial_tolerance"), params.getInt("quiet_rows"), params.getInt("recall_period"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new StreamRcfTrainer(paramsOf(params), seed);
    }

    /** A trainer from typed parameters (for benchmarks and tests that do not go through a config). */
    public static DetectorTrainer trainer(StreamRcfParams params, long seed) {
        return new StreamRcfTrainer(params, seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return StreamRcfCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return StreamRcfCodec.decode(bytes, partName);
    }
}
