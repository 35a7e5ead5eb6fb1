package io.sentinelrisk.core.feedback;

import java.time.Instant;
import java.util.Objects;

/**
 * One verdict: which alert, what the analyst said, who, when. The alert is named by its
 * {@code alertId}, or by the record's {@code eventKey} (its id values, canonical text of
 * {@code io.sentinelrisk.core.export.AlertIds#eventKey}), which a model turns into its alert id.
 *
 * @param source   where the verdict was read (a file name, a store), for messages
 * @param line     its line in {@code source} (0 when not from a file)
 * @param alertId  the alert's id, or null when {@code eventKey} is given
 * @param eventKey the record's event key, or null when {@code alertId} is given
 * @param verdict  the verdict
 * @param analyst  who gave it
 * @param note     free text, may be empty
 * @param time     when it was given
 */
public record FeedbackEntry(String source, long line, String alertId, String eventKey, Verdict verdict, String analyst,
                            String note, Instant time) {
    public FeedbackEntry {
        if ((alertId == null) == (eventKey == null)) {
            throw new IllegalArgumentException("a verdict names its alert by alert_id or by event_key, exactly one");
        }
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(analyst, "analyst");
        Objects.requireNonNull(time, "time");
        note = note == null ? "" : note;
    }

    /** The alert this verdict is about, for the model whose alert ids are made with {@code modelId}. */
    public String alertIdFor(String modelId) {
        return alertId != null ? alertId : io.sentinelrisk.core.export.AlertIds.ofEventKey(modelId, eventKey);
    }
}
