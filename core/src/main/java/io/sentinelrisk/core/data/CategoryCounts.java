package io.sentinelrisk.core.data;

import java.util.Arrays;

/**
 * How often each category of a column occurs, and the categories from most to least frequent
 * (ties by name, so that the order does not depend on the order of the file).
 *
 * @param counts  occurrences per dictionary code
 * @param present rows that are not missing
 * @param order   dictionary codes, most frequent first
 */
public record CategoryCounts(int[] counts, long present, int[] order) {

    public static CategoryCounts of(Column.Categorical c) {
        int[] counts = new int[c.dictionary().size()];
        long present = 0;
        for (int code : c.codes()) {
            if (code >= 0) {
                counts[code]++;
                present++;
            }
        }
        int[] order = java.util.stream.IntStream.range(0, counts.length).boxed()
                .sorted((a, b) -> counts[a] != counts[b]
                        ? Integer.compare(counts[b], counts[a])
                        : c.dictionary().get(a).compareTo(c.dictionary().get(b)))
                .mapToInt(Integer::intValue).toArray();
        return new CategoryCounts(counts, present, order);
    }

    /** Share of the present rows that hold the category with this code. */
    public double share(int code) {
        return present == 0 ? 0 : (double) counts[code] / present;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoryCounts c && present == c.present && Arrays.equals(counts, c.counts) && Arrays.equals(order, c.order);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CategoryCounts" + Arrays.toString(counts);
    }
}
