package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.calibrate.CalibrationTrainer;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.server.error.ApiException;
import io.sentinelrisk.server.store.FeedbackStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/models/retrain}: a challenger made from what the server has seen. The
 * champion's detector stays; its calibration (risk percentiles, severity bands and the
 * {@code is_anomaly} threshold, with the bundle's contamination, bands and score floor) is refitted
 * by core's {@link CalibrationTrainer} on the raw scores of the latest stored events, so that risk
 * again means "odder than this share of current traffic". Champion and challenger are then
 * compared on the alerts analysts gave verdicts on: which each would flag, and the precision of
 * those. The challenger is registered, not promoted: an admin promotes it after reading the report.
 */
public final class Recalibration {
    /** Fewer stored events than this is refused: percentiles of a few scores mean little. */
    public static final int MIN_EVENTS = 1000;

    /** How one model does on the alerts with feedback. */
    public record Side(@JsonProperty("version") String version,
                       @JsonProperty("flagged") int flagged,
                       @JsonProperty("true_positive") int truePositive,
                       @JsonProperty("false_positive") int falsePositive,
                       @JsonProperty("precision") Double precision,
                       @JsonProperty("threshold_score") double thresholdScore) {
    }

    /** The champion-vs-challenger report stored with the challenger. */
    public record Report(@JsonProperty("method") String method,
                         @JsonProperty("events_used") int eventsUsed,
                         @JsonProperty("feedback_used") int feedbackUsed,
                         @JsonProperty("champion") Side champion,
                         @JsonProperty("challenger") Side challenger) {
    }

    private Recalibration() {
    }

    /** The challenger pipeline and its report. */
    public record Outcome(Pipeline challenger, Report report) {
    }

    public static Outcome fit(ActiveModel champion, double[] recentScores, List<FeedbackStore.Labelled> feedback) {
        if (recentScores.length < MIN_EVENTS) {
            throw ApiException.unprocessable("not_enough_data", "retraining needs at least " + MIN_EVENTS
                    + " stored events; the store has " + recentScores.length, null);
        }
        Pipeline p = champion.pipeline();
        var config = p.config();
        Calibration fitted = new CalibrationTrainer(config.contamination(), config.severityBands(), config.scoreFloor())
                .fit(recentScores);
        Pipeline challenger = p.withCalibration(fitted, withRetrain(p.trainingSummary(), recentScores.length));
        // the latest verdict on each alert counts
        Map<String, FeedbackStore.Labelled> latest = new LinkedHashMap<>();
        for (FeedbackStore.Labelled f : feedback) {
            latest.put(f.alertId(), f);
        }
        Side before = side(champion.version(), p.calibration(), latest.values());
        Side after = side("challenger", fitted, latest.values());
        return new Outcome(challenger, new Report("recalibration on recent traffic", recentScores.length, latest.size(),
                before, after));
    }

    private static Map<String, Object> withRetrain(Map<String, Object> summary, int events) {
        Map<String, Object> m = new LinkedHashMap<>(summary);
        m.put("recalibrated_on_events", events);
        return m;
    }

    private static Side side(String version, Calibration c, Iterable<FeedbackStore.Labelled> labelled) {
        int flagged = 0;
        int tp = 0;
        int fp = 0;
        for (FeedbackStore.Labelled l : labelled) {
            if (c.isAnomaly(l.score())) {
                flagged++;
                if (FeedbackVerdict.TRUE_POSITIVE.id().equals(l.verdict())) {
                    tp++;
                } else if (FeedbackVerdict.FALSE_POSITIVE.id().equals(l.verdict())
                        || FeedbackVerdict.BENIGN.id().equals(l.verdict())) {
                    // benign: unusual but harmless, an alert that needed no action
                    fp++;
                }
            }
        }
        Double precision = tp + fp == 0 ? null : (double) tp / (tp + fp);
        return new Side(version, flagged, tp, fp, precision, c.anomalyAt());
    }

}
