package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.LocatedYaml;
import io.sentinelrisk.core.config.YamlNode;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.expr.ExprParser;
import io.sentinelrisk.core.expr.ExprSyntaxException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a mapping file (YAML or JSON, through the product's one located reader) into a
 * {@link BusinessMapping}. Every problem is one line at the place it was written: unknown keys
 * (naming the valid ones), wrong types, a category without an action or without a condition,
 * a condition that does not parse. Names in conditions and placeholders are checked later,
 * against a model's columns ({@link BusinessMapping#compile}).
 */
final class MappingReader {
    static final List<String> TOP_KEYS = List.of("version", "name", "description", "currency", "applies_to",
            "categories", "generic");
    static final List<String> CATEGORY_KEYS = List.of("name", "description", "when", "class", "risk_level",
            "estimated_cost", "currency", "sla_minutes", "recommended_action", "escalation", "narrative", "if_present");
    static final List<String> GENERIC_KEYS = List.of("estimated_cost", "sla_minutes", "recommended_action", "escalation",
            "narrative");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private MappingReader() {
    }

    /** @param json read as JSON (else YAML, which also reads most JSON) */
    static BusinessMapping read(String text, String sourceName, String origin, boolean json) {
        YamlNode root = LocatedYaml.parse(text, sourceName, json);
        if (!(root instanceof YamlNode.Mapping top)) {
            throw new ConfigException(root.location(), "expected a mapping with 'categories' at the top level, found " + root.describe());
        }
        keys(top, TOP_KEYS, "the mapping file");
        YamlNode version = top.entries().get("version");
        if (version != null && !(version instanceof YamlNode.Scalar s && Integer.valueOf(1).equals(s.value()))) {
            throw new ConfigException(version.location(), "version: expected 1, found " + version.describe());
        }
        String name = optionalText(top, "name", "the mapping file");
        String description = optionalText(top, "description", "the mapping file");
        String currency = currency(top, "USD");
        boolean all = switch (optionalText(top, "applies_to", "the mapping file") instanceof String s ? s : "anomalies") {
            case "anomalies" -> false;
            case "all" -> true;
            default -> throw new ConfigException(top.entries().get("applies_to").location(),
                    "applies_to: expected anomalies or all, found " + top.entries().get("applies_to").describe());
        };
        YamlNode cats = top.entries().get("categories");
        if (cats == null) {
            throw new ConfigException(top.location(), "the mapping file has no 'categories' (a list of categories)");
        }
        if (!(cats instanceof YamlNode.Sequence list)) {
            throw new ConfigException(cats.location(), "categories: expected a list of categories, found " + cats.describe());
        }
        List<Category> categories = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : list.items()) {
            Category c = category(item, currency);
            if (!names.add(c.name())) {
                throw new ConfigException(c.at(), "category '" + c.name() + "' appears twice; category names are unique");
            }
            categories.add(c);
        }
        return new BusinessMapping(origin, text, name, description, currency, all, categories, generic(top));
    }

    private static Category category(YamlNode node, String defaultCurrency) {
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ConfigException(node.location(), "a category: expected a mapping (name, when, recommended_action, ...), found "
                    + node.describe());
        }
        YamlNode nameNode = m.entries().get("name");
        if (nameNode == null) {
            throw new ConfigException(m.location(), "a category without 'name'");
        }
        String name = text(nameNode, "category name");
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(nameNode.location(), "category name: expected letters, digits, '_', '-' or '.', "
                    + "starting with a letter or '_', found '" + name + "'");
        }
        String what = "category '" + name + "'";
        keys(m, CATEGORY_KEYS, what);
        List<Category.When> when = when(m, what);
        String predictedClass = optionalText(m, "class", what);
        if (when.isEmpty() && predictedClass == null) {
            throw new ConfigException(m.location(), what + " has neither 'when' (a condition) nor 'class' (a judge class): "
                    + "it would match nothing");
        }
        String action = optionalText(m, "recommended_action", what);
        if (action == null || action.isBlank()) {
            throw new ConfigException(m.location(), what + " has no 'recommended_action': say what an analyst should do first");
        }
        RiskLevel risk = null;
        String riskText = optionalText(m, "risk_level", what);
        if (riskText != null) {
            risk = RiskLevel.parse(riskText);
            if (risk == null) {
                throw new ConfigException(m.entries().get("risk_level").location(),
                        what + ": risk_level: expected low, medium, high or critical, found '" + riskText + "'");
            }
        }
        String narrative = optionalText(m, "narrative", what);
        Template template = new Template(narrative != null ? narrative : defaultNarrative(name),
                narrative != null ? m.entries().get("narrative").location() : m.location());
        boolean ifPresent = false;
        YamlNode ip = m.entries().get("if_present");
        if (ip != null) {
            if (!(ip instanceof YamlNode.Scalar s && s.value() instanceof Boolean b)) {
                throw new ConfigException(ip.location(), what + ": if_present: expected true or false, found " + ip.describe());
            }
            ifPresent = b;
        }
        return new Category(name, when, predictedClass, risk, cost(m, what), currency(m, defaultCurrency),
                sla(m, what), action.strip(), escalation(m, what), template, ifPresent, nameNode.location());
    }

    /** {@code when}: one condition, or a list of alternatives (the first the model has the columns for is used). */
    private static List<Category.When> when(YamlNode.Mapping m, String what) {
        YamlNode n = m.entries().get("when");
        if (n == null) {
            return List.of();
        }
        List<YamlNode> items = n instanceof YamlNode.Sequence seq ? seq.items() : List.of(n);
        if (items.isEmpty()) {
            throw new ConfigException(n.location(), what + ": when: expected a condition or a list of conditions, found an empty list");
        }
        List<Category.When> out = new ArrayList<>();
        for (YamlNode item : items) {
            String text = text(item, what + ": when");
            try {
                out.add(new Category.When(text, ExprParser.parse(text), item.location()));
            } catch (ExprSyntaxException e) {
                throw ConditionCompiler.error(item.location(), "when of " + what, text, e.position(), "does not parse: " + e.getMessage());
            }
        }
        return out;
    }

    /** "brute_force" → "Brute force detected: {reasons}." */
    static String defaultNarrative(String category) {
        String words = category.replace('_', ' ').replace('-', ' ').strip();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " detected: {reasons}.";
    }

    private static Map<Severity, Generic> generic(YamlNode.Mapping top) {
        Map<Severity, Generic> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, Generic.defaults(s));
        }
        YamlNode node = top.entries().get("generic");
        if (node == null) {
            return out;
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            throw new ConfigException(node.location(), "generic: expected a mapping of severities (critical, high, medium, info), found "
                    + node.describe());
        }
        for (Map.Entry<String, YamlNode> e : m.entries().entrySet()) {
            Severity severity = null;
            for (Severity s : Severity.values()) {
                if (s.id().equals(e.getKey())) {
                    severity = s;
                }
            }
            if (severity == null) {
                throw new ConfigException(m.keys().get(e.getKey()), "generic: unknown severity '" + e.getKey()
                        + "'; valid: critical, high, medium, info");
            }
            if (!(e.getValue() instanceof YamlNode.Mapping g)) {
                throw new ConfigException(e.getValue().location(), "generic." + e.getKey() + ": expected a mapping, found "
                        + e.getValue().describe());
            }
            String what = "generic." + e.getKey();
            keys(g, GENERIC_KEYS, what);
            Generic d = out.get(severity);
            String action = optionalText(g, "recommended_action", what);
            String narrative = optionalText(g, "narrative", what);
            out.put(severity, new Generic(g.entries().containsKey("sla_minutes") ? sla(g, what) : d.slaMinutes(),
                    action != null ? action.strip() : d.recommendedAction(),
                    g.entries().containsKey("escalation") ? escalation(g, what) : d.escalation(),
                    g.entries().containsKey("estimated_cost") ? cost(g, what) : d.estimatedCost(),
                    narrative != null ? new Template(narrative, g.entries().get("narrative").location()) : d.narrative()));
        }
        return out;
    }

    private static void keys(YamlNode.Mapping m, List<String> valid, String what) {
        for (Map.Entry<String, InputLocation> k : m.keys().entrySet()) {
            if (!valid.contains(k.getKey())) {
                throw new ConfigException(k.getValue(), what + ": unknown key '" + k.getKey() + "'; valid keys: "
                        + String.join(", ", valid));
            }
        }
    }

    private static String optionalText(YamlNode.Mapping m, String key, String what) {
        YamlNode n = m.entries().get(key);
        return n == null ? null : text(n, what + ": " + key);
    }

    private static String text(YamlNode n, String what) {
        if (n instanceof YamlNode.Scalar s && s.value() instanceof String t) {
            return t;
        }
        throw new ConfigException(n.location(), what + ": expected text, found " + n.describe());
    }

    private static Double cost(YamlNode.Mapping m, String what) {
        YamlNode n = m.entries().get("estimated_cost");
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && s.value() instanceof Number v && Double.isFinite(v.doubleValue())
                && v.doubleValue() >= 0) {
            return v.doubleValue();
        }
        throw new ConfigException(n.location(), what + ": estimated_cost: expected a number ≥ 0 (in the category's currency), found "
                + n.describe());
    }

    private static Integer sla(YamlNode.Mapping m, String what) {
        YamlNode n = m.entries().get("sla_minutes");
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && s.value() instanceof Integer v && v > 0) {
            return v;
        }
        throw new ConfigException(n.location(), what + ": sla_minutes: expected a whole number of minutes > 0, found " + n.describe());
    }

    private static List<String> escalation(YamlNode.Mapping m, String what) {
        YamlNode n = m.entries().get("escalation");
        if (n == null) {
            return List.of();
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            throw new ConfigException(n.location(), what + ": escalation: expected a list of roles, e.g. [soc_tier1, soc_tier2], found "
                    + n.describe());
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            String role = text(item, what + ": escalation");
            if (role.isBlank()) {
                throw new ConfigException(item.location(), what + ": escalation: a role is empty");
            }
            out.add(role.strip());
        }
        return out;
    }

    private static String currency(YamlNode.Mapping m, String fallback) {
        YamlNode n = m.entries().get("currency");
        if (n == null) {
            return fallback;
        }
        String c = text(n, "currency");
        if (!CURRENCY.matcher(c).matches()) {
            throw new ConfigException(n.location(), "currency: expected an ISO 4217 code such as USD or EUR, found '" + c + "'");
        }
        return c;
    }

}
