package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.RecordAlerts;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.server.error.ApiException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's side of the one record path: JSON records → the event scorer's frame (with the
 * bundle's point-in-time features) → core's {@code Scorer} → {@code Alert.of}. No scoring logic
 * lives here; this only adapts records and errors to HTTP.
 */
public final class RecordScoring {
    private static final Pattern RECORD_FIELD = Pattern.compile("record (\\d+), field '([^']*)'");

    private RecordScoring() {
    }

    /** Scored records with their alerts, in request order, and the model-input frame they were scored from. */
    public record Scored(List<ScoredRecord> records, List<Alert> alerts, Frame frame) {
    }

    /**
     * Scores {@code records} with {@code model}: through {@code events} (its entity state moves on)
     * when given, else through a fresh event scorer whose state lives only for this call.
     */
    public static Scored score(ActiveModel model, EventScorer events, List<JsonNode> records, String source, boolean single) {
        EventScorer scorer = events != null ? events
                : model.stateful() ? new EventScorer(model.pipeline()) : model.events();
        Frame frame;
        try {
            frame = scorer.enrich(scorer.records(records, source), null, source);
        } catch (InputException e) {
            throw asApiError(e, single);
        }
        List<ScoredRecord> scored = model.scorer().score(frame, source, 1);
        return new Scored(scored, RecordAlerts.of(model.pipeline(), frame, scored, source), frame);
    }

    /** A record the model cannot read, as 422 naming the record's field when the message does. */
    static ApiException asApiError(InputException e, boolean single) {
        String message = e.getMessage();
        Matcher m = RECORD_FIELD.matcher(message == null ? "" : message);
        String field = null;
        if (m.find()) {
            int index = Integer.parseInt(m.group(1)) - 1;
            field = single ? m.group(2) : "[" + index + "]." + m.group(2);
        }
        // The source name the reader prefixes is the request's, not a file: keep the reason only.
        String reason = message == null ? "the record cannot be scored" : message.replaceFirst("^[^:]*: ", "");
        return ApiException.unprocessable(field == null ? "invalid_record" : "wrong_type", reason, field);
    }
}
