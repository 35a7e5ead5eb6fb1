package io.sentinelrisk.core.testdata;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds small frames for tests, column by column. */
public final class Frames {
    private final List<Field> fields = new ArrayList<>();
    private final List<Column> columns = new ArrayList<>();

    public Frames numeric(String name, double... values) {
        fields.add(new Field(name, ColumnType.NUMERIC, ColumnRole.FEATURE));
        columns.add(new Column.Numeric(name, values));
        return this;
    }

    public Frames role(String name, ColumnRole role) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                fields.set(i, fields.get(i).withRole(role));
            }
        }
        return this;
    }

    /** Values: null = missing. */
    public Frames categorical(String name, String... values) {
        Map<String, Integer> dict = new LinkedHashMap<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            codes[i] = values[i] == null ? -1 : dict.computeIfAbsent(values[i], k -> dict.size());
        }
        fields.add(new Field(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE));
        columns.add(new Column.Categorical(name, codes, new ArrayList<>(dict.keySet())));
        return this;
    }

    public Frames timestamps(String name, long... epochMillis) {
        fields.add(new Field(name, ColumnType.TIMESTAMP, ColumnRole.FEATURE));
        columns.add(new Column.Timestamp(name, epochMillis));
        return this;
    }

    public Frame build() {
        return new Frame(new Schema(fields), columns);
    }

    /**
     * n rows of two gaussian features x, y and a categorical "country" (mostly "US"), with the
     * first {@code outliers} rows planted far away (x, y = ±8 and a rare country).
     */
    public static Frame gaussianWithOutliers(int n, int outliers, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        String[] country = new String[n];
        for (int i = 0; i < n; i++) {
            boolean out = i < outliers;
            x[i] = out ? 8 * (r.nextBoolean() ? 1 : -1) + r.nextGaussian() * 0.1 : r.nextGaussian();
            y[i] = out ? 8 * (r.nextBoolean() ? 1 : -1) + r.nextGaussian() * 0.1 : r.nextGaussian();
            country[i] = out ? "KP" : r.nextDouble() < 0.9 ? "US" : "DE";
        }
        return new Frames().numeric("x", x).numeric("y", y).categorical("country", country).build();
    }
}
