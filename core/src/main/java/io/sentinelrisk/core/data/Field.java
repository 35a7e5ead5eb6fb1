package io.sentinelrisk.core.data;

import java.util.Objects;

/** One column of a {@link Schema}: its name, how its values are read and what it is for. */
public record Field(String name, ColumnType type, ColumnRole role) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(role, "role");
    }

    public Field withRole(ColumnRole newRole) {
        return new Field(name, type, newRole);
    }

    public Field withType(ColumnType newType) {
        return new Field(name, newType, role);
    }
}
