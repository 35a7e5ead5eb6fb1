package io.sentinelrisk.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Validated parameter values: every spec'd parameter present (given or defaulted), each of its
 * declared kind. Values are Integer, Double, Boolean, String, List&lt;Integer&gt;,
 * List&lt;Double&gt; or, for MAP_LIST, a List of Maps as parsed.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Validates {@code raw} (as parsed from YAML/JSON) against {@code specs}. {@code context}
     * names where the values came from, e.g. "detector (iforest)", for error messages.
     */
    public static Params parse(Map<String, ?> raw, List<ParamSpec> specs, String context) {
        return parse(raw, specs, context, key -> null);
    }

    /**
     * As {@link #parse(Map, List, String)}, and errors about a key carry the place the key was
     * written, as {@code locator} tells (null when unknown).
     */
    public static Params parse(Map<String, ?> raw, List<ParamSpec> specs, String context,
                               java.util.function.Function<String, io.sentinelrisk.core.error.InputLocation> locator) {
        try {
            return parseUnlocated(raw, specs, context);
        } catch (KeyedConfigException e) {
            throw new ConfigException(locator.apply(e.key), e.getMessage());
        }
    }

    private static Params parseUnlocated(Map<String, ?> raw, List<ParamSpec> specs, String context) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
        }
        for (String key : raw.keySet()) {
            if (!byName.containsKey(key)) {
                throw new KeyedConfigException(key, "unknown key '" + key + "' in " + context + "; valid keys: "
                        + String.join(", ", new TreeSet<>(byName.keySet())));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            Object v = raw.containsKey(s.name()) ? raw.get(s.name()) : s.defaultValue();
            try {
                out.put(s.name(), coerce(s, v, context));
            } catch (ConfigException e) {
                throw new KeyedConfigException(s.name(), e.getMessage());
            }
        }
        return new Params(out);
    }

    /** The defaults of {@code specs}. */
    public static Params defaults(List<ParamSpec> specs) {
        return parse(Map.of(), specs, "defaults");
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        Object v = require(name);
        return v == null ? null : v.toString();
    }

    /** For NUMBER_OR_CHOICE: the value, a Number or a String word. */
    public Object get(String name) {
        return require(name);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return (List<Integer>) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(String name) {
        return (List<String>) require(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(String name) {
        return (Map<String, Object>) require(name);
    }

    /** True when the value is set (not null). */
    public boolean has(String name) {
        return require(name) != null;
    }

    @SuppressWarnings("unchecked")
    public List<Double> getDoubleList(String name) {
        return (List<Double>) require(name);
    }

    private Object require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return values.get(name);
    }

    private static Object coerce(ParamSpec s, Object v, String context) {
        String where = "'" + s.name() + "' in " + context;
        if (v == null) {
            if (s.defaultValue() == null) {
                return null;
            }
            throw new ConfigException(where + ": expected " + expected(s) + ", found nothing (null)");
        }
        switch (s.kind()) {
            case INT -> {
                if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
                    return n.intValue();
                }
            }
            case DOUBLE -> {
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                    return n.doubleValue();
                }
            }
            case BOOLEAN -> {
                if (v instanceof Boolean b) {
                    return b;
                }
            }
            case STRING -> {
                if (v instanceof String str) {
                    return str;
                }
            }
            case CHOICE -> {
                if (v instanceof String str && s.choices().contains(str)) {
                    return str;
                }
            }
            case NUMBER_OR_CHOICE -> {
                if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                    return n;
                }
                if (v instanceof String str && s.choices().contains(str)) {
                    return str;
                }
            }
            case INT_LIST -> {
                if (v instanceof List<?> list) {
                    List<Integer> out = new ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                            throw new ConfigException(where + ": expected a list of integers, found " + describe(v));
                        }
                        out.add(n.intValue());
                    }
                    return List.copyOf(out);
                }
            }
            case DOUBLE_LIST -> {
                if (v instanceof List<?> list) {
                    List<Double> out = new ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                            throw new ConfigException(where + ": expected a list of numbers, found " + describe(v));
                        }
                        out.add(n.doubleValue());
                    }
                    return List.copyOf(out);
                }
            }
            case STRING_LIST -> {
                if (v instanceof List<?> list) {
                    List<String> out = new ArrayList<>();
                    for (Object o : list) {
                        if (!(o instanceof String str)) {
                            throw new ConfigException(where + ": expected a list of strings, found " + describe(v));
                        }
                        out.add(str);
                    }
                    return List.copyOf(out);
                }
            }
            case MAP -> {
                if (v instanceof Map<?, ?> map) {
                    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
                }
            }
            case MAP_LIST -> {
                if (v instanceof List<?> list) {
                    for (Object o : list) {
                        if (!(o instanceof Map<?, ?>)) {
                            throw new ConfigException(where + ": expected a list of mappings, found " + describe(v));
                        }
                    }
                    return List.copyOf(list);
                }
            }
        }
        throw new ConfigException(where + ": expected " + expected(s) + ", found " + describe(v));
    }

    /** How a kind is described to users. */
    public static String expected(ParamSpec s) {
        return switch (s.kind()) {
            case INT -> "an integer";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case CHOICE -> "one of " + String.join(", ", s.choices());
            case NUMBER_OR_CHOICE -> s.choices().isEmpty() ? "a number" : "a number or " + String.join(", ", s.choices());
            case INT_LIST -> "a list of integers";
            case DOUBLE_LIST -> "a list of numbers";
            case STRING_LIST -> "a list of strings";
            case MAP -> "a mapping";
            case MAP_LIST -> "a list of mappings";
        };
    }

    private static String describe(Object v) {
        if (v instanceof String str) {
            return "'" + str + "' (a string)";
        }
        if (v instanceof Boolean b) {
            return b + " (a boolean)";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        return String.valueOf(v);
    }

    /** Carries the key an error is about until the public parse adds its location. */
    private static final class KeyedConfigException extends RuntimeException {
        final String key;

        KeyedConfigException(String key, String message) {
            super(message, null, false, false);
            this.key = key;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
