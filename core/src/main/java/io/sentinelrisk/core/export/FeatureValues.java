package io.sentinelrisk.core.export;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A record's feature and id values by column, in schema order: an unmodifiable map over two
 * arrays, the column names (shared by every record of a frame) and the record's values. An
 * {@link Alert} keeps it as it is, where any other map is copied into an ordered one: the server
 * builds one per scored record, and the two hash maps per record it replaces were a tenth of the
 * bytes {@code POST /v1/score} allocated. Lookups by name scan the columns (a few dozen at most).
 */
public final class FeatureValues extends AbstractMap<String, Object> {
    private final String[] names;
    private final Object[] values;

    /** {@code names} is shared and never changed; {@code values} is this record's and handed over. */
    FeatureValues(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    @Override
    public int size() {
        return names.length;
    }

    /** The name of column {@code i}. */
    public String name(int i) {
        return names[i];
    }

    /** The value of column {@code i}: a Long, Double, Boolean or String, or null when missing. */
    public Object value(int i) {
        return values[i];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }
}
