package io.sentinelrisk.features.spec;

import io.sentinelrisk.core.config.LocatedYaml;
import io.sentinelrisk.core.config.YamlNode.Mapping;
import io.sentinelrisk.core.config.YamlNode.Scalar;
import io.sentinelrisk.core.config.YamlNode.Sequence;
import io.sentinelrisk.core.config.YamlNode;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.expr.ExprParser;
import io.sentinelrisk.core.expr.ExprSyntaxException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a feature spec from YAML. Every mistake is reported with the place it was written
 * ({@code f.yaml:12:5}), what was expected and what was found; unknown keys are errors that list
 * the valid ones. Names are checked against columns and other features later, by the planner.
 */
public final class SpecReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final List<String> TOP_KEYS = List.of("name", "description", "pack", "entity", "timestamp",
            "timestamp_format", "entity_ttl", "columns", "mapping", "features");
    private static final List<String> FEATURE_KEYS = List.of("name", "type", "of", "window", "where", "by", "q",
            "expr", "flag", "output", "description");
    private static final List<String> TYPES = List.of("count", "sum", "mean", "std", "min", "max", "distinct_count",
            "quantile", "zscore", "time_since_previous", "previous", "expr", "flag");

    private final String origin;

    private SpecReader(String origin) {
        this.origin = origin;
    }

    /** Reads a spec file. */
    public static FeatureSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(file.toString()), "feature spec not found");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read the feature spec: " + e.getMessage());
        }
        return read(text, file.toString());
    }

    /** Reads a spec from YAML text; {@code origin} names it in messages. */
    public static FeatureSpec read(String yaml, String origin) {
        YamlNode tree = LocatedYaml.parse(yaml, origin, false);
        return new SpecReader(origin).spec(tree);
    }

    /** A spec file, or a shipped pack when {@code ref} is {@code pack:NAME}. */
    public static FeatureSpec load(String ref) {
        if (ref.startsWith("pack:")) {
            return Packs.load(ref.substring("pack:".length()));
        }
        return read(Path.of(ref));
    }

    private FeatureSpec spec(YamlNode tree) {
        Mapping top = map(tree, "the spec");
        checkKeys(top, TOP_KEYS, "the spec");
        FeatureSpec base = null;
        if (top.entries().containsKey("pack")) {
            String pack = text(top, "pack");
            if (!Packs.NAMES.contains(pack)) {
                throw new InputException(top.entries().get("pack").location(),
                        "unknown pack '" + pack + "'; the packs are: " + String.join(", ", Packs.NAMES));
            }
            base = Packs.load(pack);
        }

        String name = optText(top, "name", base == null ? stem(origin) : base.name());
        String description = optText(top, "description", base == null ? "" : base.description());

        List<String> entity;
        if (top.entries().containsKey("entity")) {
            entity = names(top.entries().get("entity"), "entity");
        } else if (base != null) {
            entity = base.entity();
        } else {
            throw new InputException(top.location(), "the spec has no 'entity' (the column or columns that identify "
                    + "whose history a feature looks at; write 'entity: []' to treat the whole stream as one entity)");
        }

        String timestamp;
        if (top.entries().containsKey("timestamp")) {
            timestamp = checkName(top.entries().get("timestamp"), "timestamp");
        } else if (base != null) {
            timestamp = base.timestamp();
        } else {
            throw new InputException(top.location(), "the spec has no 'timestamp' (the column holding each event's time)");
        }

        TimestampFormat format = base == null ? new TimestampFormat.Iso() : base.timestampFormat();
        if (top.entries().containsKey("timestamp_format")) {
            YamlNode node = top.entries().get("timestamp_format");
            String f = scalar(node, "timestamp_format");
            format = TimestampFormat.parse(f);
            if (format == null) {
                throw new InputException(node.location(), "timestamp_format '" + f + "' is not one of iso, epoch_s, epoch_ms "
                        + "or a strptime pattern using %Y %y %m %d %H %I %M %S %f %p %b %z");
            }
        }

        Long ttl = base == null ? null : base.entityTtlMs();
        if (top.entries().containsKey("entity_ttl")) {
            YamlNode node = top.entries().get("entity_ttl");
            String t = scalar(node, "entity_ttl");
            long ms = Durations.parseMillis(t);
            if (ms <= 0) {
                throw new InputException(node.location(), "entity_ttl '" + t + "' is not a duration like 12h, 7d or 30d");
            }
            ttl = ms;
        }

        Map<String, InputType> columns = new LinkedHashMap<>();
        Map<String, InputLocation> locations = new LinkedHashMap<>();
        if (base != null) {
            columns.putAll(base.columns());
            locations.putAll(base.locations());
        }
        if (top.entries().containsKey("columns")) {
            Mapping cols = map(top.entries().get("columns"), "columns");
            for (var e : cols.entries().entrySet()) {
                InputLocation at = cols.keys().get(e.getKey());
                if (!NAME.matcher(e.getKey()).matches()) {
                    throw new InputException(at, "column name '" + e.getKey() + "' must be letters, digits and _ "
                            + "(use 'mapping' to point it at a column with another name)");
                }
                String typeText = scalar(e.getValue(), "the type of column '" + e.getKey() + "'");
                InputType type = InputType.parse(typeText);
                if (type == null || type == InputType.TIMESTAMP) {
                    throw new InputException(e.getValue().location(), "column '" + e.getKey() + "' has type '" + typeText
                            + "'; expected numeric, string or boolean");
                }
                columns.put(e.getKey(), type);
                locations.put(e.getKey(), at);
            }
        }
        for (String key : entity) {
            InputType prior = columns.get(key);
            if (prior != null && prior != InputType.STRING) {
                throw new InputException(locations.getOrDefault(key, top.location()), "entity column '" + key
                        + "' is declared " + prior.id() + "; entity keys are read as strings");
            }
            columns.putIfAbsent(key, InputType.STRING);
            locations.putIfAbsent(key, top.entries().containsKey("entity") ? top.entries().get("entity").location() : top.location());
        }
        if (columns.containsKey(timestamp) && columns.get(timestamp) != InputType.TIMESTAMP) {
            throw new InputException(locations.get(timestamp), "'" + timestamp + "' is the timestamp column; do not list it under columns");
        }
        columns.remove(timestamp);
        Map<String, InputType> ordered = new LinkedHashMap<>();
        ordered.put(timestamp, InputType.TIMESTAMP);
        ordered.putAll(columns);
        locations.putIfAbsent(timestamp, top.entries().containsKey("timestamp") ? top.entries().get("timestamp").location() : top.location());

        Map<String, String> mapping = new LinkedHashMap<>();
        if (base != null) {
            mapping.putAll(base.mapping());
        }
        if (top.entries().containsKey("mapping")) {
            Mapping m = map(top.entries().get("mapping"), "mapping");
            for (var e : m.entries().entrySet()) {
                if (!ordered.containsKey(e.getKey())) {
                    throw new InputException(m.keys().get(e.getKey()), "mapping names '" + e.getKey()
                            + "', which is not a column of the spec; its columns are: " + String.join(", ", ordered.keySet()));
                }
                mapping.put(e.getKey(), scalar(e.getValue(), "the mapping of '" + e.getKey() + "'"));
            }
        }

        List<FeatureDef> features = new ArrayList<>();
        if (base != null) {
            features.addAll(base.features());
        }
        YamlNode fnode = top.entries().get("features");
        if (fnode != null && !(fnode instanceof Scalar sc && (sc.text() == null || sc.text().isBlank()))) {
            if (!(fnode instanceof Sequence list)) {
                throw new InputException(fnode.location(), "'features' must be a list of features (items starting with '- name: …')");
            }
            for (YamlNode item : list.items()) {
                features.add(feature(item));
            }
        }
        if (features.isEmpty()) {
            throw new InputException(top.location(), "the spec has no features");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (FeatureDef f : features) {
            if (!seen.add(f.name())) {
                throw new InputException(f.location(), "feature name '" + f.name() + "' is used twice");
            }
        }
        return new FeatureSpec(name, description, entity, timestamp, format, ttl, ordered, mapping, features, origin, locations);
    }

    private FeatureDef feature(YamlNode node) {
        Mapping m = map(node, "a feature");
        checkKeys(m, FEATURE_KEYS, "a feature");
        if (!m.entries().containsKey("name")) {
            throw new InputException(m.location(), "this feature has no 'name'");
        }
        String name = checkName(m.entries().get("name"), "feature name");
        if (name.startsWith("_")) {
            throw new InputException(m.entries().get("name").location(), "feature name '" + name
                    + "' starts with _, which is kept for the engines' own columns; rename it");
        }
        String what = "feature '" + name + "'";
        InputLocation at = m.entries().get("name").location();

        String type;
        if (m.entries().containsKey("type")) {
            type = scalar(m.entries().get("type"), "the type of " + what).trim().toLowerCase(Locale.ROOT);
            type = switch (type) {
                case "time_since_last", "time_since_prev" -> "time_since_previous";
                case "z_score", "z-score" -> "zscore";
                case "lag", "prev" -> "previous";
                default -> type;
            };
            if (!TYPES.contains(type) && AggKind.parse(type) == null) {
                throw new InputException(m.entries().get("type").location(), what + " has type '" + type
                        + "'; expected one of " + String.join(", ", TYPES));
            }
        } else if (m.entries().containsKey("expr")) {
            type = "expr";
        } else if (m.entries().containsKey("flag")) {
            type = "flag";
        } else {
            throw new InputException(at, what + " needs a 'type' (one of " + String.join(", ", TYPES)
                    + "), or an 'expr:' or 'flag:' expression");
        }

        boolean output = true;
        if (m.entries().containsKey("output")) {
            String o = scalar(m.entries().get("output"), "output").trim().toLowerCase(Locale.ROOT);
            if (!o.equals("true") && !o.equals("false")) {
                throw new InputException(m.entries().get("output").location(), "'output' must be true or false, found '" + o + "'");
            }
            output = o.equals("true");
        }

        Source of = optSource(m, "of");
        Source where = optSource(m, "where");
        switch (type) {
            case "zscore" -> {
                allowOnly(m, what, type, "of", "window", "where");
                return new FeatureDef.ZScore(name, require(of, m, "of", what), window(m, what), where, output, at);
            }
            case "time_since_previous" -> {
                allowOnly(m, what, type, "where");
                return new FeatureDef.TimeSincePrevious(name, where, output, at);
            }
            case "previous" -> {
                allowOnly(m, what, type, "of", "where");
                return new FeatureDef.Previous(name, require(of, m, "of", what), where, output, at);
            }
            case "expr", "flag" -> {
                allowOnly(m, what, type, type);
                Source expr = optSource(m, type);
                if (expr == null) {
                    expr = optSource(m, type.equals("flag") ? "expr" : "flag");
                }
                if (expr == null) {
                    throw new InputException(at, what + " of type " + type + " needs '" + type + ": <expression>'");
                }
                return new FeatureDef.Derived(name, expr, type.equals("flag"), output, at);
            }
            default -> {
                AggKind kind = AggKind.parse(type);
                Window window = window(m, what);
                double q = Double.NaN;
                if (kind == AggKind.QUANTILE) {
                    allowOnly(m, what, type, "of", "window", "where", "q");
                    YamlNode qn = m.entries().get("q");
                    if (qn == null) {
                        throw new InputException(at, what + " is a quantile and needs 'q' (for example q: 0.99)");
                    }
                    String qt = scalar(qn, "q");
                    try {
                        q = Double.parseDouble(qt.trim());
                    } catch (NumberFormatException e) {
                        q = Double.NaN;
                    }
                    if (!(q > 0 && q < 1)) {
                        throw new InputException(qn.location(), "q must be a number between 0 and 1 (exclusive), found '" + qt + "'");
                    }
                } else if (kind == AggKind.COUNT) {
                    allowOnly(m, what, type, "of", "window", "where", "by");
                } else {
                    allowOnly(m, what, type, "of", "window", "where");
                }
                if (kind != AggKind.COUNT && of == null) {
                    throw new InputException(at, what + " (" + kind.id() + ") needs 'of': the column or expression to aggregate");
                }
                String by = null;
                if (m.entries().containsKey("by")) {
                    by = checkName(m.entries().get("by"), "by");
                    if (!(window instanceof Window.Time)) {
                        throw new InputException(m.entries().get("by").location(), what
                                + ": 'by' needs a time window (like 7d), not a count of events");
                    }
                }
                return new FeatureDef.Aggregate(name, kind, of, window, where, by, q, output, at);
            }
        }
    }

    private Window window(Mapping m, String what) {
        YamlNode node = m.entries().get("window");
        if (node == null) {
            throw new InputException(m.location(), what + " needs a 'window' (a duration like 1h, 24h, 7d, or a count like '20 events')");
        }
        String text = scalar(node, "window");
        Window w = Window.parse(text);
        if (w == null) {
            throw new InputException(node.location(), "window '" + text + "' of " + what + " does not parse; expected a duration "
                    + "like 30m, 1h, 24h, 7d (units ms, s, m, h, d, w) or a count like '20 events'");
        }
        return w;
    }

    private void allowOnly(Mapping m, String what, String type, String... allowed) {
        List<String> ok = new ArrayList<>(List.of("name", "type", "output", "description"));
        ok.addAll(List.of(allowed));
        for (var e : m.keys().entrySet()) {
            if (!ok.contains(e.getKey())) {
                throw new InputException(e.getValue(), what + " is of type " + type + ", which takes no '" + e.getKey()
                        + "'; it takes: " + String.join(", ", ok));
            }
        }
    }

    private Source require(Source s, Mapping m, String key, String what) {
        if (s == null) {
            throw new InputException(m.location(), what + " needs '" + key + "'");
        }
        return s;
    }

    private Source optSource(Mapping m, String key) {
        YamlNode node = m.entries().get(key);
        if (node == null) {
            return null;
        }
        String text = scalar(node, key);
        try {
            return new Source(text, ExprParser.parse(text), node.location());
        } catch (ExprSyntaxException e) {
            throw new InputException(node.location(), "'" + key + "' does not parse: " + e.getMessage() + " at character "
                    + (e.position() + 1) + " of '" + text + "'");
        }
    }

    private List<String> names(YamlNode node, String what) {
        List<String> out = new ArrayList<>();
        if (node instanceof Sequence list) {
            for (YamlNode item : list.items()) {
                out.add(checkName(item, what));
            }
        } else {
            out.add(checkName(node, what));
        }
        return out;
    }

    private String checkName(YamlNode node, String what) {
        String s = scalar(node, what).trim();
        if (!NAME.matcher(s).matches()) {
            throw new InputException(node.location(), what + " '" + s + "' must be letters, digits and _ and not start with a digit");
        }
        return s;
    }

    private static Mapping map(YamlNode node, String what) {
        if (node instanceof Mapping m) {
            return m;
        }
        throw new InputException(node.location(), what + " must be a mapping of keys to values");
    }

    private static String scalar(YamlNode node, String what) {
        if (node instanceof Scalar s && s.text() != null) {
            return s.text();
        }
        throw new InputException(node.location(), what + " must be a single value");
    }

    private static String text(Mapping m, String key) {
        return scalar(m.entries().get(key), key).trim();
    }

    private static String optText(Mapping m, String key, String dflt) {
        return m.entries().containsKey(key) ? text(m, key) : dflt;
    }

    private static void checkKeys(Mapping m, List<String> valid, String what) {
        for (var e : m.keys().entrySet()) {
            if (!valid.contains(e.getKey())) {
                throw new InputException(e.getValue(), "unknown key '" + e.getKey() + "' in " + what + "; valid keys are: "
                        + String.join(", ", valid));
            }
        }
    }

    private static String stem(String origin) {
        String s = origin.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        int dot = s.indexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
