package io.sentinelrisk.core.config;

import io.sentinelrisk.core.error.InputLocation;

import java.util.List;
import java.util.Map;

/**
 * A YAML (or JSON) value as read by {@link LocatedYaml}, with the place it was written, so that
 * errors can say {@code file:line:column}. The one document tree of the product: configs,
 * scenario files and feature specs are all read into it.
 */
public sealed interface YamlNode {
    InputLocation location();

    /** What the user wrote, described for an error message ("a mapping", "'abc'", "42"). */
    String describe();

    /**
     * A mapping in the order written.
     *
     * @param keys where each key was written (errors about a key point at the key)
     */
    record Mapping(Map<String, YamlNode> entries, Map<String, InputLocation> keys, InputLocation location)
            implements YamlNode {
        public Mapping {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
            keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, InputLocation location) implements YamlNode {
        public Sequence {
            items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar.
     *
     * @param value an Integer (or Long when it does not fit), a Double, a Boolean, a String, or
     *              null for YAML null ({@code ~} or nothing)
     * @param text  the scalar as written (null for null)
     */
    record Scalar(Object value, String text, InputLocation location) implements YamlNode {
        @Override
        public String describe() {
            if (value == null) {
                return "nothing (null)";
            }
            if (value instanceof String s) {
                return "'" + s + "'";
            }
            return value.toString();
        }
    }
}
