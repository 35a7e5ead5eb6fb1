package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small helpers the JSON formats share: trees in insertion order, times, finite numbers. */
final class Nodes {
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Nodes() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The alert as its JSON tree (the one alert shape). */
    static JsonNode alert(Alert alert) {
        return Json.mapper().valueToTree(alert);
    }

    /** Puts {@code value} unless it is null (formats leave unknown fields out rather than writing null). */
    static void putIfKnown(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** A finite number, or null (NaN and infinities are not JSON). */
    static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }

    static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** ISO-8601 UTC with milliseconds. */
    static String iso(Instant t) {
        return millis(t).toString();
    }

    /** Epoch seconds with milliseconds as a plain decimal (never in exponent form). */
    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(millis(t).toEpochMilli()).movePointLeft(3);
    }

    static String line(JsonNode node) {
        try {
            return COMPACT.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
