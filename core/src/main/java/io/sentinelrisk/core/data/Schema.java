package io.sentinelrisk.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ordered columns of a {@link Frame}. Names are unique. */
public record Schema(List<Field> fields) {
    public Schema {
        fields = List.copyOf(fields);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            if (seen.put(fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name: " + fields.get(i).name());
            }
        }
    }

    public int size() {
        return fields.size();
    }

    public Field field(int index) {
        return fields.get(index);
    }

    /** Index of the column with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** The fields with the given role, in schema order. */
    public List<Field> withRole(ColumnRole role) {
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.role() == role) {
                out.add(f);
            }
        }
        return out;
    }
}
