package io.sentinelrisk.server.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.io.Timestamps;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.server.error.ApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The records of a scoring or ingest request, checked before any scoring: one JSON object or an
 * array of at most {@code limit} objects; every field known to the model (unknown ones are named),
 * values scalar; for events also an {@code event_id} (unique in the batch), the entity and the
 * event time. Failures are 422 naming the field as {@code [i].name}.
 *
 * @param records    the records in request order
 * @param single     true when the body was one object rather than an array
 * @param eventIds   the event ids (events only; else null)
 * @param entities   entity per record, or null entries when the model has no entity field
 * @param eventTimes event time per record in epoch milliseconds, or {@link Long#MIN_VALUE}
 */
public record RecordBatch(List<JsonNode> records, boolean single, List<String> eventIds, List<String> entities,
                          long[] eventTimes) {

    /** Records to score (no event id needed). */
    public static RecordBatch forScoring(JsonNode body, Schema input, int limit) {
        return parse(body, input, limit, null);
    }

    /** Events to ingest: event id, entity and time required (when the model names such fields). */
    public static RecordBatch forEvents(JsonNode body, Schema input, int limit, EventFields fields) {
        return parse(body, input, limit, fields);
    }

    private static RecordBatch parse(JsonNode body, Schema input, int limit, EventFields fields) {
        List<JsonNode> records = new ArrayList<>();
        boolean single = body.isObject();
        if (single) {
            records.add(body);
        } else if (body.isArray()) {
            if (body.size() > limit) {
                throw new ApiException(413, "batch_too_large", "a batch holds at most " + limit + " records; this one has "
                        + body.size(), null);
            }
            if (body.isEmpty()) {
                throw ApiException.unprocessable("empty_batch", "the batch has no records", null);
            }
            body.forEach(records::add);
        } else {
            throw ApiException.unprocessable("wrong_type", "expected a JSON object (one record) or an array of objects", null);
        }
        Set<String> known = new HashSet<>(input.names());
        boolean events = fields != null;
        List<String> ids = events ? new ArrayList<>(records.size()) : null;
        List<String> entities = new ArrayList<>(records.size());
        long[] times = new long[records.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode r = records.get(i);
            String at = single ? "" : "[" + i + "]";
            if (!r.isObject()) {
                throw ApiException.unprocessable("wrong_type", "record " + (i + 1) + " is not a JSON object", single ? null : at);
            }
            boolean usable = false;
            for (var it = r.fields(); it.hasNext(); ) {
                var e = it.next();
                String name = e.getKey();
                if (name.equals(EventFields.EVENT_ID) && events) {
                    continue;
                }
                if (!known.contains(name)) {
                    throw ApiException.unprocessable("unknown_field", "record " + (i + 1) + ": unknown field '"
                            + io.sentinelrisk.core.error.DisplayText.truncate(name) + "'; the model reads " + String.join(", ", input.names())
                            + (events ? " and event_id" : ""), prefix(at, name));
                }
                JsonNode v = e.getValue();
                if (v.isContainerNode()) {
                    throw ApiException.unprocessable("wrong_type", "record " + (i + 1) + ": field '" + name
                            + "' must be a number, text, true/false or null", prefix(at, name));
                }
                usable |= !v.isNull();
            }
            if (!usable) {
                throw ApiException.unprocessable("no_model_fields", "record " + (i + 1) + " has none of the model's fields ("
                        + String.join(", ", input.names()) + ")", single ? null : at);
            }
            String entity = fields == null ? null : text(r.get(fields.entity() == null ? "" : fields.entity()));
            long time = fields == null ? Long.MIN_VALUE : time(r.get(fields.time() == null ? "" : fields.time()));
            if (events) {
                JsonNode idNode = r.get(EventFields.EVENT_ID);
                String id = idNode == null || !(idNode.isTextual() || idNode.isIntegralNumber()) ? null : idNode.asText();
                if (id == null || id.isBlank() || id.length() > 200) {
                    throw ApiException.unprocessable("missing_event_id", "record " + (i + 1)
                            + ": event_id is required (text of 1 to 200 characters, or an integer)", prefix(at, EventFields.EVENT_ID));
                }
                if (!seen.add(id)) {
                    throw ApiException.unprocessable("duplicate_event_id", "record " + (i + 1) + ": event_id '"
                            + io.sentinelrisk.core.error.DisplayText.truncate(id) + "' appears twice in the batch", prefix(at, EventFields.EVENT_ID));
                }
                ids.add(id);
                if (fields.entity() != null && (entity == null || entity.isBlank())) {
                    throw ApiException.unprocessable("missing_entity", "record " + (i + 1) + ": the entity field '"
                            + fields.entity() + "' is required", prefix(at, fields.entity()));
                }
                if (entity != null && entity.length() > 500) {
                    throw ApiException.unprocessable("invalid_value", "record " + (i + 1) + ": the entity is longer than 500 characters",
                            prefix(at, fields.entity()));
                }
                if (fields.time() != null && time == Long.MIN_VALUE) {
                    throw ApiException.unprocessable("missing_timestamp", "record " + (i + 1) + ": the event time '"
                            + fields.time() + "' is required (ISO-8601 or epoch milliseconds)", prefix(at, fields.time()));
                }
            }
            entities.add(entity);
            times[i] = time;
        }
        return new RecordBatch(List.copyOf(records), single, ids, entities, times);
    }

    private static String prefix(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Epoch milliseconds of a timestamp given as ISO-8601 text or epoch milliseconds; MIN_VALUE when absent or unreadable. */
    private static long time(JsonNode v) {
        if (v == null || v.isNull()) {
            return Long.MIN_VALUE;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            long ms = Timestamps.parse(v.asText());
            return ms == Column.Timestamp.MISSING ? Long.MIN_VALUE : ms;
        }
        return Long.MIN_VALUE;
    }

    public int size() {
        return records.size();
    }
}
