package io.sentinelrisk.stream;

import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.pipeline.ScoredRecord;

/**
 * What {@link StreamScorer} made of one event: a {@link Scored} record, or a {@link DeadLetter}
 * when the event cannot be scored. Never an exception for bad event data, so a stream job routes
 * dead letters to their own topic and goes on.
 */
public sealed interface StreamOutcome permits StreamOutcome.Scored, StreamOutcome.DeadLetter {

    /**
     * A scored event.
     *
     * @param record the scores and reasons, equal to the batch row's ({@code sentinel score})
     * @param alert  the event's {@link Alert}, built by core's {@code RecordAlerts} for every event
     *               (also below the threshold: {@link #isAnomaly()} says whether it is one to emit);
     *               equal to the batch alert of the same event except where it names its input
     *               ({@code source}, {@code row}, {@code line}, and {@code alert_id} when the
     *               bundle has no id column)
     * @param entity the entity key the event's features were computed under ("" without a feature plan)
     * @param late   the event was older than its entity's latest event: scored against the
     *               entity's state as of that latest event, as if it had arrived then, and left
     *               out of the state (the batch engine refuses such an event)
     * @param drift  a drift alert when this event completed a drift check at which a column or
     *               the score newly crossed into {@code significant}; null otherwise (and always
     *               without drift monitoring)
     * @param driftRow the event as a drift window keeps it ({@link DriftMonitor#kept}), when the
     *               scorer was asked for drift rows ({@link StreamScorer.Options#driftRows()}); else null
     */
    record Scored(ScoredRecord record, Alert alert, String entity, boolean late, DriftAlert drift, double[] driftRow)
            implements StreamOutcome {
        /** Whether the event is above the model's alert threshold (the alert's {@code is_anomaly}). */
        public boolean isAnomaly() {
            return record.isAnomaly();
        }
    }

    /**
     * An event that could not be scored.
     *
     * @param reason one line: what was expected and where (the field, the column, the plan)
     * @param raw    the event as it came, for the dead-letter topic
     */
    record DeadLetter(String reason, String raw) implements StreamOutcome {
    }
}
