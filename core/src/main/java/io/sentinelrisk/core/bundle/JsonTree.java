package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a bundle's JSON into plain Java values with Jackson's streaming parser alone: objects as
 * {@link LinkedHashMap} (keys in file order, a repeated key's last value wins), arrays as
 * {@link ArrayList}, whole numbers as Integer, Long or BigInteger (the smallest that holds them),
 * fractions as Double, then String, Boolean and null — the same values Jackson's data binding
 * gives an untyped {@code Map<String, Object>}, so the effective config reads back as before.
 *
 * <p>Why not {@code ObjectMapper}: reading a bundle is on every command's start path, and the
 * data binder's first use (building deserializers for every record by reflection) cost more than
 * a quarter of a one-record {@code predict}; a token loop costs next to nothing.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
    }

    /** The JSON object in {@code bytes}; malformed JSON is an InputException at {@code where}. */
    static Map<String, Object> object(byte[] bytes, String where, String what) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw BundleJson.corrupt(where, what, "expected a JSON object");
            }
            Map<String, Object> root = readObject(p);
            if (p.nextToken() != null) {
                throw BundleJson.corrupt(where, what, "not valid JSON: more content after the object");
            }
            return root;
        } catch (IOException e) {
            throw BundleJson.corrupt(where, what, "not valid JSON: " + BundleJson.firstLine(e.getMessage()));
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        return switch (t) {
            case START_OBJECT -> readObject(p);
            case START_ARRAY -> readArray(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + t);
        };
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            out.put(key, value(p, p.nextToken()));
        }
        return out;
    }

    private static List<Object> readArray(JsonParser p) throws IOException {
        List<Object> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            out.add(value(p, t));
        }
        return out;
    }
}
