package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.util.Arrays;

/**
 * The JSON of a bundle's manifest and parts: typed records written indented with a final newline
 * (the same content is always the same bytes) and read strictly — an unknown key, a missing
 * required field, a null number or a fraction where a whole number belongs is refused, naming the
 * entry and the field.
 */
final class BundleJson {
    /**
     * Made on first use only: the parts every scoring command reads are bound without it
     * ({@link JsonFields}), and building a mapper is a good part of a short command's start.
     */
    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    private BundleJson() {
    }

    static byte[] bytes(Object value) {
        try {
            byte[] b = Holder.MAPPER.writeValueAsBytes(value);
            byte[] out = Arrays.copyOf(b, b.length + 1);
            out[b.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write bundle JSON", e);
        }
    }

    /** The JSON object in {@code bytes}; malformed JSON is an InputException at {@code where}. */
    static JsonNode tree(byte[] bytes, String where, String what) {
        try {
            JsonNode node = Holder.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw corrupt(where, what, "expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw corrupt(where, what, "not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Binds a tree; a missing, unknown or mistyped field is an InputException naming it. */
    static <T> T bind(JsonNode tree, Class<T> type, String where, String what) {
        try {
            return Holder.MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String message = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
            String at = path(e);
            throw corrupt(where, what, (at.isEmpty() ? "" : "at " + at + ": ") + firstLine(message));
        } catch (IOException e) {
            throw corrupt(where, what, firstLine(e.getMessage()));
        }
    }

    static <T> T read(byte[] bytes, Class<T> type, String where, String what) {
        return bind(tree(bytes, where, what), type, where, what);
    }

    static InputException corrupt(String where, String what, String message) {
        return new InputException(InputLocation.file(where), "corrupt bundle " + what + ": " + message);
    }

    /** A field that must be present: a record's compact constructor calls this. */
    static <T> T require(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    /** The field a binding error is at, as {@code parts.preparation.json.bytes} or {@code columns[2].fill}. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
