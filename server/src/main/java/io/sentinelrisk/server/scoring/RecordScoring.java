package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.RecordAlerts;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.features.scoring.FeatureStage;
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
     * Scores {@code records} with {@code model} on their own: with a bundle's feature plan, each
     * entity's state starts empty and lives only for this call (nothing is kept).
     */
    public static Scored score(ActiveModel model, List<JsonNode> records, String source, boolean single) {
        return score(model, records(model, records, source, single), source, single);
    }

    /** {@link #score(ActiveModel, List, String, boolean)} of records read already into the model's raw frame. */
    public static Scored score(ActiveModel model, Frame raw, String source, boolean single) {
        FeatureStage fresh = model.pipeline().features().map(FeatureStage::of).orElse(null);
        return score(model, fresh, raw, source, single);
    }

    /** JSON records as the raw frame the model reads; 422 naming the field when one cannot be read. */
    public static Frame records(ActiveModel model, List<JsonNode> records, String source, boolean single) {
        try {
            return model.events().records(records, source);
        } catch (InputException e) {
            throw asApiError(e, single);
        }
    }

    /**
     * Scores raw events with {@code model}, their features computed by {@code stage} (whose
     * entities' state moves on), or without features when {@code stage} is null.
     */
    public static Scored score(ActiveModel model, FeatureStage stage, Frame raw, String source, boolean single) {
        Frame frame;
        try {
            frame = stage == null ? raw : stage.enrich(raw, null, source);
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
