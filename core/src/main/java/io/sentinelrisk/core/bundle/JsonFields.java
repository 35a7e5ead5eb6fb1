package io.sentinelrisk.core.bundle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One JSON object of a bundle ({@link JsonTree}) bound field by field, strictly: a required field
 * that is missing or null, a value of the wrong type, a fraction where a whole number belongs and
 * (at {@link #done()}) a key the form does not know are refused with an
 * {@link IllegalArgumentException} whose message starts with the field's path
 * ({@code columns[2].fill}, {@code parts.model/iforest.bin.bytes}); {@link #bind} turns it into the
 * bundle's located InputException. Numbers as text are read as Jackson's data binding read them:
 * {@code "NaN"} and {@code "Infinity"} are how it writes non-finite doubles.
 */
final class JsonFields {
    private final Map<String, Object> map;
    private final String path;
    private final Set<String> read = new HashSet<>();

    private JsonFields(Map<String, Object> map, String path) {
        this.map = map;
        this.path = path;
    }

    /** Binds the object in {@code bytes} with {@code form}; every refusal is located at {@code where}. */
    static <T> T bind(byte[] bytes, String where, String what, Function<JsonFields, T> form) {
        return bind(JsonTree.object(bytes, where, what), where, what, form);
    }

    static <T> T bind(Map<String, Object> tree, String where, String what, Function<JsonFields, T> form) {
        try {
            return form.apply(new JsonFields(tree, ""));
        } catch (IllegalArgumentException e) {
            throw BundleJson.corrupt(where, what, e.getMessage());
        }
    }

    // ---- required fields ----

    String text(String key) {
        Object v = required(key);
        if (!(v instanceof String s)) {
            throw wrong(key, "text", v);
        }
        return s;
    }

    double number(String key) {
        return toDouble(required(key), at(key));
    }

    int wholeInt(String key) {
        long v = wholeLong(key);
        if (v != (int) v) {
            throw new IllegalArgumentException("at " + at(key) + ": " + v + " is out of range");
        }
        return (int) v;
    }

    long wholeLong(String key) {
        return toLong(required(key), at(key));
    }

    boolean bool(String key) {
        Object v = required(key);
        if (!(v instanceof Boolean b)) {
            throw wrong(key, "true or false", v);
        }
        return b;
    }

    double[] doubles(String key) {
        List<?> list = list(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toDouble(list.get(i), at(key) + "[" + i + "]");
        }
        return out;
    }

    List<String> texts(String key) {
        List<?> list = list(key);
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new IllegalArgumentException("at " + at(key) + "[" + i + "]: expected text, found " + describe(list.get(i)));
            }
            out.add(s);
        }
        return out;
    }

    /** An array of objects, each bound by {@code form}. */
    <T> List<T> objects(String key, Function<JsonFields, T> form) {
        List<?> list = list(key);
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(form.apply(child(list.get(i), at(key) + "[" + i + "]")));
        }
        return out;
    }

    /** An object, bound by {@code form}. */
    <T> T object(String key, Function<JsonFields, T> form) {
        return form.apply(child(required(key), at(key)));
    }

    /** An object whose keys are names and whose values are each bound by {@code form}, in file order. */
    <T> Map<String, T> objectsByName(String key, Function<JsonFields, T> form) {
        Map<String, Object> m = rawObject(key);
        Map<String, T> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.put(e.getKey(), form.apply(child(e.getValue(), at(key) + "." + e.getKey())));
        }
        return out;
    }

    /** An object of names to numbers, sorted by name. */
    TreeMap<String, Double> numbersByName(String key) {
        TreeMap<String, Double> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : rawObject(key).entrySet()) {
            out.put(e.getKey(), toDouble(e.getValue(), at(key) + "." + e.getKey()));
        }
        return out;
    }

    /** An object kept as plain values (the effective config, the training summary). */
    @SuppressWarnings("unchecked")
    Map<String, Object> rawObject(String key) {
        Object v = required(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw wrong(key, "an object", v);
        }
        return (Map<String, Object>) m;
    }

    // ---- optional fields: absent or null ----

    boolean has(String key) {
        read.add(key);
        return map.get(key) != null;
    }

    Double optionalNumber(String key) {
        return has(key) ? number(key) : null;
    }

    Long optionalWholeLong(String key) {
        return has(key) ? wholeLong(key) : null;
    }

    Boolean optionalBool(String key) {
        return has(key) ? bool(key) : null;
    }

    <T> T optionalObject(String key, Function<JsonFields, T> form) {
        return has(key) ? object(key, form) : null;
    }

    /** The form is bound: a key it did not read is refused (a newer or damaged part). */
    <T> T done(T value) {
        for (String key : map.keySet()) {
            if (!read.contains(key)) {
                throw new IllegalArgumentException("at " + at(key) + ": unknown field \"" + key + "\"");
            }
        }
        return value;
    }

    /** A refusal of this object's content by the form's own checks, located at the object. */
    IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(path.isEmpty() ? message : "at " + path + ": " + message);
    }

    // ---- helpers ----

    private Object required(String key) {
        read.add(key);
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("at " + at(key) + ": missing field " + key);
        }
        return v;
    }

    private List<?> list(String key) {
        Object v = required(key);
        if (!(v instanceof List<?> l)) {
            throw wrong(key, "an array", v);
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static JsonFields child(Object v, String path) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("at " + path + ": expected an object, found " + describe(v));
        }
        return new JsonFields((Map<String, Object>) m, path);
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private IllegalArgumentException wrong(String key, String expected, Object found) {
        return new IllegalArgumentException("at " + at(key) + ": expected " + expected + ", found " + describe(found));
    }

    private static double toDouble(Object v, String at) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity", "+Infinity", "INF": return Double.POSITIVE_INFINITY;
                case "-Infinity", "-INF": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        // refused below
                    }
            }
        }
        throw new IllegalArgumentException("at " + at + ": expected a number, found " + describe(v));
    }

    private static long toLong(Object v, String at) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            throw new IllegalArgumentException("at " + at + ": " + v + " is out of range");
        }
        throw new IllegalArgumentException("at " + at + ": expected a whole number, found " + describe(v));
    }

    private static String describe(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
            case Map<?, ?> m -> "an object";
            case List<?> l -> "an array";
            default -> String.valueOf(v);
        };
    }
}
