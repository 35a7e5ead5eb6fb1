package io.sentinelrisk.server.delivery;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.YamlNode;
import io.sentinelrisk.core.error.InputLocation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of a delivery config's YAML nodes: every error names the place and what was
 * expected. Only {@code ${env:NAME}} is substituted in values (secrets come from the environment);
 * nothing else in the text is interpreted.
 */
final class ConfigReader {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private final Function<String, String> env;

    ConfigReader(Function<String, String> env) {
        this.env = env;
    }

    static YamlNode.Mapping mapping(YamlNode node, String what) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw new ConfigException(node.location(), what + ": expected a mapping, found " + node.describe());
    }

    /** Refuses keys not in {@code valid}, naming the key and the valid ones. */
    static void onlyKeys(YamlNode.Mapping m, Set<String> valid, String where) {
        for (Map.Entry<String, InputLocation> k : m.keys().entrySet()) {
            if (!valid.contains(k.getKey())) {
                throw new ConfigException(k.getValue(), "unknown key '" + k.getKey() + "' in " + where + "; valid keys: "
                        + String.join(", ", valid.stream().sorted().toList()));
            }
        }
    }

    static String text(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String str && !str.isBlank()) {
            return str;
        }
        throw new ConfigException(node.location(), key + ": expected text, found " + node.describe());
    }

    /** Text with {@code ${env:NAME}} replaced by the variable's value; an unset variable is an error naming it. */
    String secretText(YamlNode node, String key) {
        String raw = text(node, key);
        Matcher m = ENV.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                throw new ConfigException(node.location(), key + ": environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static int positiveInt(YamlNode node, String key, int max) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Integer i && i >= 1 && i <= max) {
            return i;
        }
        throw new ConfigException(node.location(), key + ": expected a whole number from 1 to " + max + ", found " + node.describe());
    }

    static double number(YamlNode node, String key, double min, double max) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Number n && n.doubleValue() >= min && n.doubleValue() <= max) {
            return n.doubleValue();
        }
        throw new ConfigException(node.location(), key + ": expected a number from " + min + " to " + max + ", found " + node.describe());
    }

    /** A duration written with its unit: {@code 250ms}, {@code 5s}, {@code 2m}. */
    static Duration duration(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String str) {
            Matcher m = DURATION.matcher(str.strip());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    default -> Duration.ofMinutes(n);
                };
                if (!d.isZero()) {
                    return d;
                }
            }
        }
        throw new ConfigException(node.location(), key + ": expected a duration above 0 with its unit (250ms, 5s, 2m), found "
                + node.describe());
    }

    static List<String> texts(YamlNode node, String key) {
        if (node instanceof YamlNode.Sequence seq) {
            List<String> out = new ArrayList<>();
            for (YamlNode item : seq.items()) {
                out.add(text(item, key));
            }
            return out;
        }
        throw new ConfigException(node.location(), key + ": expected a list of text, found " + node.describe());
    }
}
