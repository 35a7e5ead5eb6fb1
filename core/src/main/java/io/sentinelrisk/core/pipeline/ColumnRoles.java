package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.List;

/** Gives the columns of a freshly read frame their roles from the config. */
public final class ColumnRoles {
    private ColumnRoles() {
    }

    /**
     * Marks id and ignored columns; every other column stays a feature. Configured columns that
     * the data lacks are an error naming them and the data's columns.
     */
    public static Frame assign(Frame frame, SentinelConfig config, String source) {
        List<String> unknown = new ArrayList<>();
        for (String c : config.idColumns()) {
            if (frame.schema().indexOf(c) < 0) {
                unknown.add(c);
            }
        }
        for (String c : config.ignoreColumns()) {
            if (frame.schema().indexOf(c) < 0) {
                unknown.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InputException(source + " has no column(s) " + String.join(", ", unknown)
                    + " named in id_columns/ignore_columns (its columns: " + String.join(", ", frame.schema().names()) + ")");
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            ColumnRole role = config.idColumns().contains(f.name()) ? ColumnRole.ID
                    : config.ignoreColumns().contains(f.name()) ? ColumnRole.IGNORE
                    : ColumnRole.FEATURE;
            fields.add(f.withRole(role));
        }
        return frame.withSchema(new Schema(fields));
    }
}
