package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.error.InputLocation;

import java.util.List;
import java.util.Map;

/** A YAML value as read, with the place it was read from, so that errors can point at it. */
sealed interface YamlNode {
    InputLocation location();

    /** What the user wrote, described for an error message. */
    String describe();

    record Mapping(Map<String, YamlNode> entries, InputLocation location) implements YamlNode {
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(List<YamlNode> items, InputLocation location) implements YamlNode {
        public String describe() {
            return "a list";
        }
    }

    /** A string, a Long, a Double, a Boolean, or null. */
    record Scalar(Object value, InputLocation location) implements YamlNode {
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
