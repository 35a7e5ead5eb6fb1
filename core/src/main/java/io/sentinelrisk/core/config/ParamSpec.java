package io.sentinelrisk.core.config;

import java.util.List;

/**
 * One documented parameter: its name (as in scikit-learn / PyOD / XGBoost), what values it takes,
 * its default and its meaning.
 *
 * @param choices for {@link Kind#CHOICE}: the valid strings; for {@link Kind#NUMBER_OR_CHOICE}:
 *                the valid words besides a number (e.g. "auto")
 */
public record ParamSpec(String name, Kind kind, Object defaultValue, String description, List<String> choices) {

    public enum Kind {
        INT, DOUBLE, BOOLEAN, STRING,
        /** one of {@code choices} */
        CHOICE,
        /** a number or one of {@code choices} (e.g. max_samples: auto | 0.5 | 256) */
        NUMBER_OR_CHOICE,
        /** a list of integers, e.g. hidden layer sizes */
        INT_LIST,
        /** a list of numbers, e.g. severity bands */
        DOUBLE_LIST,
        /** a list of strings, e.g. column names */
        STRING_LIST,
        /** a mapping kept as parsed (validated by whoever reads it) */
        MAP,
        /** a list of mappings (nested config, e.g. an ensemble's members) kept as parsed */
        MAP_LIST
    }

    public ParamSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static ParamSpec ofInt(String name, int def, String description) {
        return new ParamSpec(name, Kind.INT, def, description, null);
    }

    public static ParamSpec ofDouble(String name, double def, String description) {
        return new ParamSpec(name, Kind.DOUBLE, def, description, null);
    }

    public static ParamSpec ofBoolean(String name, boolean def, String description) {
        return new ParamSpec(name, Kind.BOOLEAN, def, description, null);
    }

    public static ParamSpec ofString(String name, String def, String description) {
        return new ParamSpec(name, Kind.STRING, def, description, null);
    }

    public static ParamSpec ofChoice(String name, String def, String description, String... choices) {
        return new ParamSpec(name, Kind.CHOICE, def, description, List.of(choices));
    }

    /** A number or one of the given words; {@code def} is a Number or one of the words. */
    public static ParamSpec ofNumberOr(String name, Object def, String description, String... words) {
        return new ParamSpec(name, Kind.NUMBER_OR_CHOICE, def, description, List.of(words));
    }

    public static ParamSpec ofIntList(String name, List<Integer> def, String description) {
        return new ParamSpec(name, Kind.INT_LIST, def, description, null);
    }

    public static ParamSpec ofStringList(String name, List<String> def, String description) {
        return new ParamSpec(name, Kind.STRING_LIST, def, description, null);
    }

    public static ParamSpec ofMap(String name, String description) {
        return new ParamSpec(name, Kind.MAP, java.util.Map.of(), description, null);
    }

    /** A number (or null = not set) with no default value. */
    public static ParamSpec ofOptionalDouble(String name, String description) {
        return new ParamSpec(name, Kind.DOUBLE, null, description, null);
    }

    /** A string (or null = not set) with no default value. */
    public static ParamSpec ofOptionalString(String name, String description) {
        return new ParamSpec(name, Kind.STRING, null, description, null);
    }

    public static ParamSpec ofDoubleList(String name, List<Double> def, String description) {
        return new ParamSpec(name, Kind.DOUBLE_LIST, def, description, null);
    }
}
