package io.sentinelrisk.core.prepare;

import io.sentinelrisk.core.data.Column;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one input column becomes one or more prepared features, with the values learned at train
 * time (imputation values, category frequencies). Scaling is applied afterwards by
 * {@link Preparation}. Immutable.
 */
public sealed interface ColumnPrep {
    /** The input column's name. */
    String column();

    /** Names of the features this column produces, in order. */
    List<String> outputNames();

    /**
     * Writes this column's features for every row into the row-major {@code out}
     * ({@code rows × width}), at feature offset {@code offset}: every one of those values, since
     * {@code out} may hold the features of an earlier block ({@link Preparation#transformTransient}).
     */
    void encode(Column values, double[] out, int width, int offset);

    /** Numbers and booleans: missing values become the learned {@code fill}. */
    record Numeric(String column, double fill) implements ColumnPrep {
        public List<String> outputNames() {
            return List.of(column);
        }

        public void encode(Column values, double[] out, int width, int offset) {
            double[] v = ((Column.Numeric) values).values();
            for (int r = 0, at = offset; r < v.length; r++, at += width) {
                double x = v[r];
                out[at] = Double.isNaN(x) ? fill : x;
            }
        }
    }

    /**
     * A category becomes its training frequency (share of training rows), missing ones the
     * frequency of the training mode. Rare = low value = easy to isolate. A value without its
     * own frequency (unseen, or bucketed by {@link CategoryBuckets}) gets {@code other}: the mean
     * share of the bucketed values, or 0 when nothing was bucketed.
     */
    record Frequency(String column, Map<String, Double> frequencies, String mode, double other) implements ColumnPrep {
        public Frequency {
            frequencies = Map.copyOf(frequencies);
        }

        /** Without a bucket (bundles written before there was one). */
        public Frequency(String column, Map<String, Double> frequencies, String mode) {
            this(column, frequencies, mode, 0);
        }

        public List<String> outputNames() {
            return List.of(column);
        }

        public void encode(Column values, double[] out, int width, int offset) {
            Column.Categorical c = (Column.Categorical) values;
            List<String> dict = c.dictionary();
            double[] byCode = new double[dict.size()];
            for (int i = 0; i < byCode.length; i++) {
                byCode[i] = frequencies.getOrDefault(dict.get(i), other);
            }
            double missing = frequencies.getOrDefault(mode, other);
            int[] codes = c.codes();
            for (int r = 0, at = offset; r < codes.length; r++, at += width) {
                int k = codes[r];
                out[at] = k < 0 ? missing : byCode[k];
            }
        }
    }

    /**
     * One 0/1 feature per frequent training category, plus {@code column=__other__} for every
     * other or unseen category. Missing values count as the training mode.
     */
    record OneHot(String column, List<String> categories, String mode) implements ColumnPrep {
        public static final String OTHER = "__other__";

        public OneHot {
            categories = List.copyOf(categories);
        }

        public List<String> outputNames() {
            String[] names = new String[categories.size() + 1];
            for (int i = 0; i < categories.size(); i++) {
                names[i] = column + "=" + categories.get(i);
            }
            names[categories.size()] = column + "=" + OTHER;
            return List.of(names);
        }

        public void encode(Column values, double[] out, int width, int offset) {
            Column.Categorical c = (Column.Categorical) values;
            Map<String, Integer> slotOf = new HashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                slotOf.put(categories.get(i), i);
            }
            int other = categories.size();
            List<String> dict = c.dictionary();
            int[] slotByCode = new int[dict.size()];
            for (int i = 0; i < slotByCode.length; i++) {
                slotByCode[i] = slotOf.getOrDefault(dict.get(i), other);
            }
            int missingSlot = slotOf.getOrDefault(mode, other);
            int[] codes = c.codes();
            for (int r = 0, at = offset; r < codes.length; r++, at += width) {
                for (int s = 0; s <= other; s++) {
                    out[at + s] = 0;
                }
                int k = codes[r];
                out[at + (k < 0 ? missingSlot : slotByCode[k])] = 1;
            }
        }
    }

    /** A timestamp becomes hour of day (fractional) and day of week (Monday = 0), in UTC. */
    record TimeOfWeek(String column, double fillHour, double fillDay) implements ColumnPrep {
        private static final long DAY_MS = 86_400_000L;

        public List<String> outputNames() {
            return List.of(column + ".hour", column + ".day_of_week");
        }

        public void encode(Column values, double[] out, int width, int offset) {
            long[] t = ((Column.Timestamp) values).epochMillis();
            for (int r = 0, at = offset; r < t.length; r++, at += width) {
                if (t[r] == Column.Timestamp.MISSING) {
                    out[at] = fillHour;
                    out[at + 1] = fillDay;
                } else {
                    out[at] = hourOfDay(t[r]);
                    out[at + 1] = dayOfWeek(t[r]);
                }
            }
        }

        public static double hourOfDay(long epochMillis) {
            return Math.floorMod(epochMillis, DAY_MS) / 3_600_000.0;
        }

        public static double dayOfWeek(long epochMillis) {
            // 1970-01-01 was a Thursday (Monday = 0 → Thursday = 3).
            return Math.floorMod(Math.floorDiv(epochMillis, DAY_MS) + 3, 7L);
        }
    }
}
