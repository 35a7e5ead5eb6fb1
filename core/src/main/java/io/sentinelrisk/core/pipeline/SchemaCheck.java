package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks that data to score has the columns a model was trained on: every feature column, of
 * the same type; no column the model never saw (but the label column). Id, ignored and label
 * columns may be absent.
 */
public final class SchemaCheck {
    private SchemaCheck() {
    }

    /** Throws an InputException naming the missing, unexpected and mistyped columns of {@code source}. */
    public static void requireCompatible(Schema trained, Frame input, String source) {
        List<String> missing = new ArrayList<>();
        List<String> mistyped = new ArrayList<>();
        for (Field f : trained.fields()) {
            if (f.role() != ColumnRole.FEATURE) {
                continue;
            }
            int i = input.schema().indexOf(f.name());
            if (i < 0) {
                missing.add(f.name());
            } else {
                ColumnType got = input.schema().field(i).type();
                if (!compatible(f.type(), got)) {
                    mistyped.add(f.name() + " (expected " + f.type().id() + ", found " + got.id() + ")");
                }
            }
        }
        List<String> extra = new ArrayList<>();
        for (Field f : input.schema().fields()) {
            if (f.role() != ColumnRole.LABEL && trained.indexOf(f.name()) < 0) {
                extra.add(f.name());
            }
        }
        if (missing.isEmpty() && extra.isEmpty() && mistyped.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing column(s) " + String.join(", ", missing));
        }
        if (!extra.isEmpty()) {
            problems.add("unexpected column(s) " + String.join(", ", extra));
        }
        if (!mistyped.isEmpty()) {
            problems.add("wrong type in " + String.join(", ", mistyped));
        }
        throw new InputException(source + " does not match the model's columns: " + String.join("; ", problems)
                + " (the model was trained on: " + String.join(", ", trained.names()) + ")");
    }

    private static boolean compatible(ColumnType expected, ColumnType got) {
        if (expected == got) {
            return true;
        }
        // Booleans are stored as 0/1 numbers, so either reads as the other.
        return (expected == ColumnType.NUMERIC || expected == ColumnType.BOOLEAN)
                && (got == ColumnType.NUMERIC || got == ColumnType.BOOLEAN);
    }
}
