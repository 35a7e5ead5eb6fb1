package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a mapping may read, and the slot each column it reads gets. A name is one of the
 * scoring results ({@link #RESULTS}; they win over a column of the same name) or a column of the
 * model: features, ids and ignored columns, never the label (ground truth is not known where
 * the model scores).
 */
final class Slots {
    /** What scoring says about a record, readable by name in conditions and narratives. */
    static final List<String> RESULTS = List.of("score", "risk", "severity", "is_anomaly", "top_feature",
            "top_deviation", "class");
    /** Readable in narratives only: the explanation in words. */
    static final List<String> NARRATIVE_ONLY = List.of("top_reason", "reasons", "category");

    private final Map<String, ColumnType> columns = new LinkedHashMap<>();
    private final Map<String, Integer> slots = new LinkedHashMap<>();

    Slots(Schema model) {
        for (Field f : model.fields()) {
            if (f.role() != ColumnRole.LABEL) {
                columns.put(f.name(), f.type());
            }
        }
    }

    /** True when {@code name} is a scoring result or a narrative-only name rather than a column. */
    static boolean reserved(String name) {
        return RESULTS.contains(name) || NARRATIVE_ONLY.contains(name);
    }

    /** The column's type, or null when the model has no such column. */
    ColumnType type(String column) {
        return columns.get(column);
    }

    /** The slot of a column the mapping reads (the same for every use of it). */
    int slot(String column) {
        return slots.computeIfAbsent(column, c -> slots.size());
    }

    /** The columns read, in slot order. */
    List<String> names() {
        return new ArrayList<>(slots.keySet());
    }

    /** What a name may be, for an error message about one that is none of them. */
    String valid(boolean narrative) {
        List<String> all = new ArrayList<>(columns.keySet());
        all.addAll(RESULTS);
        if (narrative) {
            all.addAll(NARRATIVE_ONLY);
        }
        return String.join(", ", all);
    }
}
