package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.LocatedYaml;
import io.sentinelrisk.core.config.YamlNode;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputLocation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Domain heuristics that bootstrap labels where no true label exists. A rules file:
 * <pre>
 * rules:
 *   - name: brute_force_storm
 *     when: failed_attempts >= 10 and success == false
 *   - name: known_scanner          # label 0: a rule may also vouch for normal rows
 *     when: country == 'ZZ'
 *     label: 0
 * unmatched: normal                 # rows no rule matches: normal (default) | unlabelled
 * </pre>
 * The first rule whose condition holds labels the row. Read with the product's one YAML reader;
 * every error is located.
 *
 * @param rules     in the order written
 * @param unmatched label of rows no rule matches: 0, or {@link JudgeLabels#UNKNOWN} to leave them out
 * @param source    the file, for reports
 */
public record HeuristicRules(List<Rule> rules, int unmatched, String source) {
    private static final Set<String> TOP_KEYS = Set.of("rules", "unmatched");
    private static final Set<String> RULE_KEYS = Set.of("name", "when", "label");

    /** One rule: rows where {@code when} holds get {@code label} (1 = anomaly, 0 = normal). */
    public record Rule(String name, Condition when, String text, int label, InputLocation location) {
    }

    public HeuristicRules {
        rules = List.copyOf(rules);
    }

    public static HeuristicRules read(Path file) {
        return of(LocatedYaml.read(file), file.toString());
    }

    public static HeuristicRules parse(String yaml, String source) {
        return of(LocatedYaml.parse(yaml, source, false), source);
    }

    static HeuristicRules of(YamlNode root, String source) {
        YamlNode.Mapping top = mapping(root, "a mapping with 'rules'");
        checkKeys(top, TOP_KEYS);
        YamlNode rulesNode = top.entries().get("rules");
        if (!(rulesNode instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            throw new ConfigException(rulesNode == null ? top.location() : rulesNode.location(),
                    "expected 'rules': a list of {name, when, label}, found " + (rulesNode == null ? "nothing" : rulesNode.describe()));
        }
        List<Rule> rules = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            YamlNode.Mapping m = mapping(item, "a rule {name, when, label}");
            checkKeys(m, RULE_KEYS);
            String name = scalarText(m, "name");
            if (names.contains(name)) {
                throw new ConfigException(m.keys().get("name"), "rule '" + name + "' appears twice");
            }
            names.add(name);
            String when = scalarText(m, "when");
            InputLocation at = m.entries().get("when").location();
            int label = 1;
            if (m.entries().containsKey("label")) {
                YamlNode l = m.entries().get("label");
                if (!(l instanceof YamlNode.Scalar s) || !(s.value() instanceof Integer i) || (i != 0 && i != 1)) {
                    throw new ConfigException(l.location(), "expected label 1 (anomaly) or 0 (normal), found " + l.describe());
                }
                label = (Integer) ((YamlNode.Scalar) l).value();
            }
            rules.add(new Rule(name, Condition.parse(when, at), when, label, at));
        }
        int unmatched = 0;
        YamlNode u = top.entries().get("unmatched");
        if (u != null) {
            String v = u instanceof YamlNode.Scalar s && s.value() instanceof String t ? t : "";
            unmatched = switch (v) {
                case "normal" -> 0;
                case "unlabelled", "unlabeled" -> JudgeLabels.UNKNOWN;
                default -> throw new ConfigException(u.location(), "expected 'unmatched: normal' or 'unmatched: unlabelled', found " + u.describe());
            };
        }
        return new HeuristicRules(rules, unmatched, source);
    }

    /**
     * The pseudo-label of every row of {@code frame} and the rule that gave it (-1: unmatched).
     * An unknown column is a ConfigException at the rule.
     */
    public Applied apply(Frame frame) {
        Condition.Bound[] bound = new Condition.Bound[rules.size()];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = rules.get(i).when().bind(frame, rules.get(i).location());
        }
        int n = frame.rows();
        int[] labels = new int[n];
        int[] rule = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = unmatched;
            rule[r] = -1;
            for (int i = 0; i < bound.length; i++) {
                if (bound[i].test(r)) {
                    labels[r] = rules.get(i).label();
                    rule[r] = i;
                    break;
                }
            }
        }
        return new Applied(labels, rule);
    }

    /** Pseudo-labels ({@code 1}, {@code 0} or {@link JudgeLabels#UNKNOWN}) and the index of the rule that matched (-1: none). */
    public record Applied(int[] labels, int[] rule) {
    }

    /** Rows each rule labelled, by rule name, in rule order. */
    public Map<String, Integer> matches(Applied applied) {
        int[] counts = new int[rules.size()];
        for (int r : applied.rule()) {
            if (r >= 0) {
                counts[r]++;
            }
        }
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            out.put(rules.get(i).name(), counts[i]);
        }
        return out;
    }

    private static YamlNode.Mapping mapping(YamlNode node, String expected) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        throw new ConfigException(node.location(), "expected " + expected + ", found " + node.describe());
    }

    private static void checkKeys(YamlNode.Mapping m, Set<String> valid) {
        for (String key : m.entries().keySet()) {
            if (!valid.contains(key)) {
                throw new ConfigException(m.keys().get(key), "unknown key '" + key + "'; valid keys: "
                        + String.join(", ", new java.util.TreeSet<>(valid)));
            }
        }
    }

    private static String scalarText(YamlNode.Mapping m, String key) {
        YamlNode n = m.entries().get(key);
        if (n == null) {
            throw new ConfigException(m.location(), "rule is missing '" + key + "'");
        }
        if (n instanceof YamlNode.Scalar s && s.value() instanceof String t && !t.isBlank()) {
            return t;
        }
        throw new ConfigException(n.location(), "expected text at '" + key + "', found " + n.describe());
    }
}
