package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link BusinessMapping} checked and compiled against a model's columns. Immutable and
 * thread-safe; {@link #bind} attaches it to a frame of records to map.
 */
public final class CompiledMapping {
    private final BusinessMapping mapping;
    private final List<Category> categories;
    private final List<String> skipped;
    private final List<String> slotNames;
    private final ConditionCompiler.BoolFn[] conditions;
    private final Function<RecordView, String>[] narratives;
    private final Function<RecordView, String>[] genericNarratives;
    /** [category][severity]: the business fields but the narrative; the last row is the generic category. */
    private final Business[][] briefs;

    @SuppressWarnings("unchecked")
    CompiledMapping(BusinessMapping mapping, Schema model) {
        this.mapping = mapping;
        Slots slots = new Slots(model);
        List<Category> cats = new ArrayList<>();
        List<ConditionCompiler.BoolFn> conds = new ArrayList<>();
        List<Function<RecordView, String>> texts = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (Category c : mapping.categories()) {
            String what = "category '" + c.name() + "'";
            Category.When chosen = null;
            List<String> absent = new ArrayList<>();
            for (Category.When w : c.when()) {
                List<String> lacking = lacking(w.names(), slots);
                if (lacking.isEmpty()) {
                    chosen = w;
                    break;
                }
                absent.addAll(lacking.stream().filter(n -> !absent.contains(n)).toList());
            }
            List<String> placeholdersLacking = lacking(c.narrative().placeholders(), slots);
            if (c.ifPresent() && ((chosen == null && !c.when().isEmpty()) || !placeholdersLacking.isEmpty())) {
                absent.addAll(placeholdersLacking.stream().filter(n -> !absent.contains(n)).toList());
                left.add(c.name() + " (the model has no " + String.join(", ", absent) + ")");
                continue;
            }
            if (chosen == null && !c.when().isEmpty()) {
                chosen = c.when().get(0);   // compiling it names the first unknown field, at its place
            }
            cats.add(c);
            conds.add(chosen == null ? null : new ConditionCompiler(slots, chosen.text(), chosen.at(), "when of " + what)
                    .condition(chosen.expr()));
            texts.add(c.narrative().compile(slots, "narrative of " + what, c.name()));
        }
        this.categories = List.copyOf(cats);
        this.skipped = List.copyOf(left);
        conditions = conds.toArray(ConditionCompiler.BoolFn[]::new);
        narratives = texts.toArray(Function[]::new);
        Severity[] severities = Severity.values();
        genericNarratives = new Function[severities.length];
        for (Severity s : severities) {
            Generic g = mapping.generic(s);
            genericNarratives[s.ordinal()] = g.narrative().compile(slots, "narrative of generic." + s.id(), Generic.CATEGORY);
        }
        slotNames = slots.names();
        briefs = new Business[cats.size() + 1][severities.length];
        for (Severity s : severities) {
            Generic g = mapping.generic(s);
            for (int i = 0; i < cats.size(); i++) {
                Category c = cats.get(i);
                briefs[i][s.ordinal()] = new Business(c.name(), c.riskLevel() != null ? c.riskLevel().id() : s.id(),
                        c.estimatedCost(), c.currency(), c.slaMinutes() != null ? c.slaMinutes() : g.slaMinutes(),
                        c.recommendedAction(), c.escalation(), null);
            }
            briefs[cats.size()][s.ordinal()] = new Business(Generic.CATEGORY, s.id(), g.estimatedCost(), mapping.currency(),
                    g.slaMinutes(), g.recommendedAction(), g.escalation(), null);
        }
    }

    public BusinessMapping mapping() {
        return mapping;
    }

    /** The names among {@code names} that are neither scoring results nor columns of the model. */
    private static List<String> lacking(java.util.Collection<String> names, Slots slots) {
        return names.stream().filter(n -> !Slots.reserved(n) && slots.type(n) == null).distinct().toList();
    }

    /** The categories in use, in order of precedence. */
    public List<String> categoryNames() {
        return categories.stream().map(Category::name).toList();
    }

    /** The currency of a category's cost (the file's currency for the generic category). */
    public String currency(String category) {
        return categories.stream().filter(c -> c.name().equals(category)).map(Category::currency).findFirst()
                .orElse(mapping.currency());
    }

    /** True when the category states a cost (the generic one: when a severity's generic category does). */
    public boolean costStated(String category) {
        if (Business.GENERIC.equals(category)) {
            for (Severity s : Severity.values()) {
                if (mapping.generic(s).estimatedCost() != null) {
                    return true;
                }
            }
            return false;
        }
        return categories.stream().anyMatch(c -> c.name().equals(category) && c.estimatedCost() != null);
    }

    /** Categories marked {@code if_present} that were left out, each with the columns the model lacks. */
    public List<String> skipped() {
        return skipped;
    }

    /** This mapping over the rows of {@code frame} (columns found by name; a column it lacks reads as missing). */
    public FrameMapper bind(Frame frame) {
        Column[] columns = new Column[slotNames.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = frame.column(slotNames.get(i));
        }
        return new FrameMapper(this, columns);
    }

    int categoryCount() {
        return conditions.length;
    }

    /** Index of the first category a record matches, or {@link #categoryCount()} for the generic one. */
    int match(RecordView r) {
        if (!mapping.allRecords() && !r.facts().isAnomaly()) {
            return conditions.length;
        }
        List<Category> cats = categories;
        for (int i = 0; i < conditions.length; i++) {
            Category c = cats.get(i);
            if (c.predictedClass() != null && !c.predictedClass().equals(r.facts().predictedClass())) {
                continue;
            }
            if (conditions[i] == null || conditions[i].eval(r) == ConditionCompiler.TRUE) {
                return i;
            }
        }
        return conditions.length;
    }

    Business brief(int category, Severity severity) {
        return briefs[category][severity.ordinal()];
    }

    String narrative(int category, RecordView r) {
        return category < narratives.length ? narratives[category].apply(r)
                : genericNarratives[r.facts().severity().ordinal()].apply(r);
    }
}
