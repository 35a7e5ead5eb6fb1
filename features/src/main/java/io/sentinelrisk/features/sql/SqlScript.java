package io.sentinelrisk.features.sql;

import java.util.List;

/**
 * The statements that turn table {@code fs_events} into table {@code fs_out} (columns {@code _row}
 * and one double column per written feature), and the temporary tables they create.
 */
public record SqlScript(Dialect dialect, List<String> statements, List<String> tables) {
    public SqlScript {
        statements = List.copyOf(statements);
        tables = List.copyOf(tables);
    }

    /** The script as text, one statement per paragraph, for {@code sentinel features sql}. */
    public String text() {
        return String.join(";\n\n", statements) + ";\n";
    }
}
