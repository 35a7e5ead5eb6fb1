package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.LocatedYaml;
import io.sentinelrisk.core.config.YamlNode;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads scenario files (YAML, as data). Every key is checked: an unknown key, a missing one or a
 * value of the wrong kind is a {@link ConfigException} naming file:line:column, the key and what
 * was expected.
 */
public final class ScenarioLoader {
    /** The scenarios shipped with SentinelRisk (a resource of this module). */
    public static final String SHIPPED_RESOURCE = "/io/sentinelrisk/synth/scenarios.yaml";
    public static final String SHIPPED_NAME = "scenarios.yaml (built in)";

    static final List<String> TOP_KEYS = List.of("version", "sort_by", "id_columns", "scenarios");
    static final List<String> SCENARIO_KEYS = List.of("name", "description", "count", "fraction", "where", "mode",
            "copies", "spread", "operations", "business");
    static final List<String> CONDITION_KEYS = List.of("column", "equals", "in", "min", "max");
    static final List<String> SPREAD_KEYS = List.of("column", "seconds");
    static final List<String> BUSINESS_KEYS = List.of("risk_level", "estimated_cost", "currency", "sla_minutes",
            "sla_hours", "recommended_action", "escalation_path");
    static final Map<String, List<String>> OP_KEYS = Map.of(
            "set", List.of("op", "column", "value", "one_of", "if_present"),
            "scale", List.of("op", "column", "factor", "if_present"),
            "add", List.of("op", "column", "amount", "if_present"),
            "shift_time", List.of("op", "column", "seconds", "if_present"),
            "off_hours", List.of("op", "column", "hours", "hour_column", "if_present"),
            "jump_location", List.of("op", "lat", "lon", "km", "distance_column", "if_present"),
            "burst_size", List.of("op", "column", "if_present"));

    private ScenarioLoader() {
    }

    /** The built-in scenarios. */
    public static ScenarioSet shipped() {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SHIPPED_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), SHIPPED_NAME);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SHIPPED_RESOURCE, e);
        }
    }

    /** The text of the built-in file, e.g. to write it out as a starting point. */
    public static String shippedText() {
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SHIPPED_RESOURCE, e);
        }
    }

    public static ScenarioSet load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(file.toString()), "scenario file not found");
        } catch (IOException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read scenario file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static ScenarioSet parse(String text, String source) {
        YamlNode root = LocatedYaml.parse(text, source, false);
        if (root instanceof YamlNode.Mapping m && m.entries().isEmpty()) {
            throw new ConfigException(root.location(), "the file is empty; expected a mapping with 'scenarios'");
        }
        YamlNode.Mapping top = mapping(root, "the scenario file", TOP_KEYS);
        Map<String, YamlNode> e = top.entries();
        if (e.containsKey("version")) {
            long v = integer(e.get("version"), "'version'", 1, 1);
            assert v == 1;
        }
        String sortBy = e.containsKey("sort_by") ? string(e.get("sort_by"), "'sort_by'") : null;
        List<String> idColumns = e.containsKey("id_columns") ? strings(e.get("id_columns"), "'id_columns'") : List.of();
        YamlNode list = require(top, "scenarios", "the scenario file");
        if (!(list instanceof YamlNode.Sequence seq)) {
            throw new ConfigException(list.location(), "'scenarios': expected a list of scenarios, found " + list.describe());
        }
        if (seq.items().isEmpty()) {
            throw new ConfigException(list.location(), "'scenarios': expected at least one scenario, found an empty list");
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < seq.items().size(); i++) {
            Scenario s = scenario(seq.items().get(i), i + 1);
            if (!names.add(s.name())) {
                throw new ConfigException(s.location(), "scenario name '" + s.name() + "' is used twice; names must be unique");
            }
            scenarios.add(s);
        }
        return new ScenarioSet(scenarios, sortBy, idColumns, source);
    }

    private static Scenario scenario(YamlNode node, int index) {
        YamlNode.Mapping m = mapping(node, "scenario #" + index, SCENARIO_KEYS);
        Map<String, YamlNode> e = m.entries();
        String name = string(require(m, "name", "scenario #" + index), "'name' of scenario #" + index);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new ConfigException(e.get("name").location(),
                    "'name': expected lower-case letters, digits and '_' starting with a letter, found '" + name + "'");
        }
        String ctx = "scenario '" + name + "'";
        String description = e.containsKey("description") ? string(e.get("description"), "'description' in " + ctx) : "";
        Integer count = null;
        Double fraction = null;
        if (e.containsKey("count") == e.containsKey("fraction")) {
            throw new ConfigException(m.location(), ctx + ": expected exactly one of 'count' (rows to pick) or 'fraction' (share of rows), found "
                    + (e.containsKey("count") ? "both" : "neither"));
        }
        if (e.containsKey("count")) {
            count = (int) integer(e.get("count"), "'count' in " + ctx, 0, Integer.MAX_VALUE);
        } else {
            fraction = number(e.get("fraction"), "'fraction' in " + ctx);
            if (fraction < 0 || fraction > 1) {
                throw new ConfigException(e.get("fraction").location(), "'fraction' in " + ctx + ": expected a number in [0, 1], found " + fraction);
            }
        }
        List<Scenario.Condition> where = new ArrayList<>();
        if (e.containsKey("where")) {
            YamlNode w = e.get("where");
            if (!(w instanceof YamlNode.Sequence ws)) {
                throw new ConfigException(w.location(), "'where' in " + ctx + ": expected a list of conditions, found " + w.describe());
            }
            for (YamlNode c : ws.items()) {
                where.add(condition(c, ctx));
            }
        }
        Scenario.Mode mode = Scenario.Mode.MODIFY;
        if (e.containsKey("mode")) {
            String text = string(e.get("mode"), "'mode' in " + ctx);
            mode = switch (text) {
                case "modify" -> Scenario.Mode.MODIFY;
                case "add" -> Scenario.Mode.ADD;
                default -> throw new ConfigException(e.get("mode").location(), "'mode' in " + ctx + ": expected modify or add, found '" + text + "'");
            };
        }
        Range copies = null;
        Scenario.Spread spread = null;
        if (mode == Scenario.Mode.ADD) {
            copies = e.containsKey("copies") ? range(e.get("copies"), "'copies' in " + ctx) : Range.of(1);
            if (copies.min() < 1 || copies.max() > 100_000 || Math.ceil(copies.min()) > Math.floor(copies.max())) {
                throw new ConfigException(e.get("copies").location(), "'copies' in " + ctx + ": expected whole numbers in [1, 100000], found " + copies);
            }
            if (e.containsKey("spread")) {
                YamlNode.Mapping sp = mapping(e.get("spread"), "'spread' in " + ctx, SPREAD_KEYS);
                spread = new Scenario.Spread(string(require(sp, "column", "'spread' in " + ctx), "'column' in 'spread' of " + ctx),
                        range(require(sp, "seconds", "'spread' in " + ctx), "'seconds' in 'spread' of " + ctx));
            }
        } else {
            for (String key : List.of("copies", "spread")) {
                if (e.containsKey(key)) {
                    throw new ConfigException(e.get(key).location(), "'" + key + "' in " + ctx + " needs 'mode: add' (this scenario modifies rows in place)");
                }
            }
        }
        YamlNode opsNode = require(m, "operations", ctx);
        if (!(opsNode instanceof YamlNode.Sequence ops) || ops.items().isEmpty()) {
            throw new ConfigException(opsNode.location(), "'operations' in " + ctx + ": expected a non-empty list of operations, found " + opsNode.describe());
        }
        List<Operation> operations = new ArrayList<>();
        for (YamlNode op : ops.items()) {
            operations.add(operation(op, ctx));
        }
        Business business = business(require(m, "business", ctx), ctx);
        return new Scenario(name, description, count, fraction, where, mode, copies, spread, operations, business, m.location());
    }

    private static Scenario.Condition condition(YamlNode node, String ctx) {
        String where = "a 'where' condition of " + ctx;
        YamlNode.Mapping m = mapping(node, where, CONDITION_KEYS);
        Map<String, YamlNode> e = m.entries();
        String column = string(require(m, "column", where), "'column' in " + where);
        if (e.containsKey("equals") && e.containsKey("in")) {
            throw new ConfigException(m.location(), where + ": expected 'equals' or 'in', not both");
        }
        List<String> in = null;
        if (e.containsKey("equals")) {
            in = List.of(scalarText(e.get("equals"), "'equals' in " + where));
        } else if (e.containsKey("in")) {
            in = new ArrayList<>();
            YamlNode list = e.get("in");
            if (!(list instanceof YamlNode.Sequence s)) {
                throw new ConfigException(list.location(), "'in' in " + where + ": expected a list of values, found " + list.describe());
            }
            for (YamlNode v : s.items()) {
                in.add(scalarText(v, "'in' in " + where));
            }
        }
        Double min = e.containsKey("min") ? number(e.get("min"), "'min' in " + where) : null;
        Double max = e.containsKey("max") ? number(e.get("max"), "'max' in " + where) : null;
        if (in == null && min == null && max == null) {
            throw new ConfigException(m.location(), where + ": expected one of 'equals', 'in', 'min' or 'max'");
        }
        return new Scenario.Condition(column, in, min, max);
    }

    private static Operation operation(YamlNode node, String ctx) {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ConfigException(node.location(), "an operation of " + ctx + ": expected a mapping with 'op', found " + node.describe());
        }
        YamlNode opNode = m.entries().get("op");
        if (opNode == null) {
            throw new ConfigException(m.location(), "an operation of " + ctx + ": missing key 'op'; valid operations: "
                    + String.join(", ", new TreeSet<>(OP_KEYS.keySet())));
        }
        String op = string(opNode, "'op' in " + ctx);
        List<String> keys = OP_KEYS.get(op);
        if (keys == null) {
            throw new ConfigException(opNode.location(), "unknown operation '" + op + "' in " + ctx + "; valid operations: "
                    + String.join(", ", new TreeSet<>(OP_KEYS.keySet())));
        }
        String where = "operation '" + op + "' of " + ctx;
        mapping(m, where, keys);
        Map<String, YamlNode> e = m.entries();
        boolean ifPresent = e.containsKey("if_present") && bool(e.get("if_present"), "'if_present' in " + where);
        return switch (op) {
            case "set" -> {
                if (e.containsKey("value") == e.containsKey("one_of")) {
                    throw new ConfigException(m.location(), where + ": expected exactly one of 'value' or 'one_of'");
                }
                List<Object> values = new ArrayList<>();
                if (e.containsKey("value")) {
                    values.add(scalar(e.get("value"), "'value' in " + where));
                } else if (e.get("one_of") instanceof YamlNode.Sequence s && !s.items().isEmpty()) {
                    for (YamlNode v : s.items()) {
                        values.add(scalar(v, "'one_of' in " + where));
                    }
                } else {
                    throw new ConfigException(e.get("one_of").location(), "'one_of' in " + where + ": expected a non-empty list of values, found "
                            + e.get("one_of").describe());
                }
                yield new Operation.Set(column(m, where), values, ifPresent);
            }
            case "scale" -> new Operation.Scale(column(m, where), range(require(m, "factor", where), "'factor' in " + where), ifPresent);
            case "add" -> new Operation.Add(column(m, where), range(require(m, "amount", where), "'amount' in " + where), ifPresent);
            case "shift_time" -> new Operation.ShiftTime(column(m, where), range(require(m, "seconds", where), "'seconds' in " + where), ifPresent);
            case "off_hours" -> {
                YamlNode h = require(m, "hours", where);
                List<Double> hours = numbers(h, "'hours' in " + where);
                if (hours.size() != 2 || hours.get(0) < 0 || hours.get(0) >= 24 || hours.get(1) < 0 || hours.get(1) > 24
                        || hours.get(0).equals(hours.get(1))) {
                    throw new ConfigException(h.location(), "'hours' in " + where
                            + ": expected [from, to] with hours in [0, 24), e.g. [1, 5] or [22, 5] across midnight, found " + hours);
                }
                String hourColumn = e.containsKey("hour_column") ? string(e.get("hour_column"), "'hour_column' in " + where) : null;
                // kept as given: from > to wraps past midnight
                yield new Operation.OffHours(column(m, where), hours.get(0), hours.get(1), hourColumn, ifPresent);
            }
            case "jump_location" -> {
                Range km = range(require(m, "km", where), "'km' in " + where);
                if (km.min() < 0 || km.max() > 20_000) {
                    throw new ConfigException(e.get("km").location(), "'km' in " + where + ": expected distances in [0, 20000], found " + km);
                }
                yield new Operation.JumpLocation(string(require(m, "lat", where), "'lat' in " + where),
                        string(require(m, "lon", where), "'lon' in " + where), km,
                        e.containsKey("distance_column") ? string(e.get("distance_column"), "'distance_column' in " + where) : null,
                        ifPresent);
            }
            case "burst_size" -> new Operation.BurstSize(column(m, where), ifPresent);
            default -> throw new IllegalStateException(op);
        };
    }

    private static Business business(YamlNode node, String ctx) {
        String where = "'business' of " + ctx;
        YamlNode.Mapping m = mapping(node, where, BUSINESS_KEYS);
        Map<String, YamlNode> e = m.entries();
        YamlNode riskNode = require(m, "risk_level", where);
        String risk = string(riskNode, "'risk_level' in " + where);
        Business.RiskLevel level;
        try {
            level = Business.RiskLevel.valueOf(risk.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException x) {
            throw new ConfigException(riskNode.location(), "'risk_level' in " + where + ": expected low, medium, high or critical, found '" + risk + "'");
        }
        double cost = number(require(m, "estimated_cost", where), "'estimated_cost' in " + where);
        if (cost < 0) {
            throw new ConfigException(e.get("estimated_cost").location(), "'estimated_cost' in " + where + ": expected a number ≥ 0, found " + cost);
        }
        String currency = e.containsKey("currency") ? string(e.get("currency"), "'currency' in " + where) : "USD";
        if (e.containsKey("sla_minutes") == e.containsKey("sla_hours")) {
            throw new ConfigException(m.location(), where + ": expected exactly one of 'sla_minutes' or 'sla_hours', found "
                    + (e.containsKey("sla_minutes") ? "both" : "neither"));
        }
        int sla;
        if (e.containsKey("sla_minutes")) {
            sla = (int) integer(e.get("sla_minutes"), "'sla_minutes' in " + where, 1, 525_600);
        } else {
            double hours = number(e.get("sla_hours"), "'sla_hours' in " + where);
            if (hours <= 0 || hours > 8760) {
                throw new ConfigException(e.get("sla_hours").location(), "'sla_hours' in " + where + ": expected a number in (0, 8760], found " + hours);
            }
            sla = (int) Math.round(hours * 60);
        }
        String action = string(require(m, "recommended_action", where), "'recommended_action' in " + where);
        List<String> path = strings(require(m, "escalation_path", where), "'escalation_path' in " + where);
        if (path.isEmpty()) {
            throw new ConfigException(e.get("escalation_path").location(), "'escalation_path' in " + where + ": expected at least one role or team");
        }
        return new Business(level, cost, currency, sla, action, path);
    }

    // ---- typed access with errors that point at the value ----

    private static YamlNode.Mapping mapping(YamlNode node, String what, List<String> validKeys) {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ConfigException(node.location(), what + ": expected a mapping, found " + node.describe());
        }
        for (Map.Entry<String, YamlNode> entry : m.entries().entrySet()) {
            if (!validKeys.contains(entry.getKey())) {
                throw new ConfigException(entry.getValue().location(), "unknown key '" + entry.getKey() + "' in " + what
                        + "; valid keys: " + String.join(", ", new TreeSet<>(validKeys)));
            }
        }
        return m;
    }

    private static YamlNode require(YamlNode.Mapping m, String key, String what) {
        YamlNode v = m.entries().get(key);
        if (v == null) {
            throw new ConfigException(m.location(), what + ": missing key '" + key + "'");
        }
        return v;
    }

    private static String column(YamlNode.Mapping m, String where) {
        return string(require(m, "column", where), "'column' in " + where);
    }

    private static String string(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof String str && !str.isBlank()) {
            return str;
        }
        throw new ConfigException(node.location(), what + ": expected a non-empty string, found " + node.describe());
    }

    private static List<String> strings(YamlNode node, String what) {
        if (!(node instanceof YamlNode.Sequence s)) {
            throw new ConfigException(node.location(), what + ": expected a list of strings, found " + node.describe());
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : s.items()) {
            out.add(string(item, what));
        }
        return out;
    }

    private static double number(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw new ConfigException(node.location(), what + ": expected a number, found " + node.describe());
    }

    private static List<Double> numbers(YamlNode node, String what) {
        if (!(node instanceof YamlNode.Sequence s)) {
            throw new ConfigException(node.location(), what + ": expected a list of numbers, found " + node.describe());
        }
        List<Double> out = new ArrayList<>();
        for (YamlNode item : s.items()) {
            out.add(number(item, what));
        }
        return out;
    }

    private static long integer(YamlNode node, String what, long min, long max) {
        if (node instanceof YamlNode.Scalar s && (s.value() instanceof Long || s.value() instanceof Integer)
                && ((Number) s.value()).longValue() >= min && ((Number) s.value()).longValue() <= max) {
            return ((Number) s.value()).longValue();
        }
        throw new ConfigException(node.location(), what + ": expected an integer in [" + min + ", " + max + "], found " + node.describe());
    }

    private static boolean bool(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(node.location(), what + ": expected true or false, found " + node.describe());
    }

    /** A number, or [min, max] with min ≤ max. */
    private static Range range(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.value() instanceof Number n && Double.isFinite(n.doubleValue())) {
                return Range.of(n.doubleValue());
            }
            throw new ConfigException(node.location(), what + ": expected a number or [min, max], found " + node.describe());
        }
        List<Double> v = numbers(node, what);
        if (v.size() != 2 || v.get(0) > v.get(1)) {
            throw new ConfigException(node.location(), what + ": expected a number or [min, max] with min ≤ max, found " + v);
        }
        return new Range(v.get(0), v.get(1));
    }

    private static Object scalar(YamlNode node, String what) {
        if (node instanceof YamlNode.Scalar s && s.value() != null) {
            Object v = s.value();
            return v instanceof Long || v instanceof Integer ? (Object) ((Number) v).doubleValue() : v;
        }
        throw new ConfigException(node.location(), what + ": expected a string, number or true/false, found " + node.describe());
    }

    private static String scalarText(YamlNode node, String what) {
        Object v = scalar(node, what);
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return v.toString();
    }
}
