package io.sentinelrisk.synth.scenario;


import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.detect.support.RowSample;
import io.sentinelrisk.core.util.StableIndexSort;
import io.sentinelrisk.synth.Geo;
import io.sentinelrisk.synth.Seeds;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Applies a {@link ScenarioSet} to any frame. Each scenario picks rows of the input (those its
 * {@code where} accepts, that the input does not already label 1 and that no earlier scenario
 * picked), then changes them in place or adds rows
 * after them, and labels what it changed or added with {@code label = 1} and its name in
 * {@code scenario}. A scenario whose columns are absent, or of a kind its operations cannot
 * handle, is skipped with a warning. The same input, file and seed give the same output.
 */
public final class ScenarioInjector {
    public static final String LABEL = "label";
    public static final String SCENARIO = "scenario";
    public static final String NORMAL = "normal";
    /** The scenario of rows the input already labeled 1 without naming a scenario. */
    public static final String PRELABELED = "anomaly";

    private ScenarioInjector() {
    }

    public static InjectionResult inject(Frame input, ScenarioSet set, long seed) {
        List<String> warnings = new ArrayList<>();
        Table table = new Table(input.rows());
        Table.Num label = null;
        Table.Cat scenario = null;
        for (int c = 0; c < input.columnCount(); c++) {
            Field f = input.schema().field(c);
            Column col = input.column(c);
            if (f.name().equals(LABEL)) {
                label = labelSlot(f, col, warnings);
                table.add(label);
            } else if (f.name().equals(SCENARIO)) {
                scenario = scenarioSlot(col, warnings);
                table.add(scenario);
            } else {
                table.add(Table.slot(f, col, input.rows()));
            }
        }
        if (scenario == null) {
            scenario = new Table.Cat(new Field(SCENARIO, ColumnType.CATEGORICAL, ColumnRole.IGNORE), new int[input.rows()], List.of(), input.rows());
            Arrays.fill(scenario.codes, -1);
            table.add(scenario);
        }
        if (label == null) {
            label = new Table.Num(new Field(LABEL, ColumnType.NUMERIC, ColumnRole.LABEL), new double[input.rows()], input.rows());
            table.add(label);
        }
        for (int r = 0; r < input.rows(); r++) {
            if (scenario.codes[r] < 0) {
                double l = label.v[r];
                scenario.codes[r] = Double.isNaN(l) ? -1 : scenario.code(l == 0 ? NORMAL : PRELABELED);
            }
        }
        boolean[] picked = new boolean[input.rows()];
        List<InjectionResult.Outcome> outcomes = new ArrayList<>();
        for (Scenario s : set.scenarios()) {
            outcomes.add(apply(s, table, label, scenario, picked, seed, warnings));
        }
        freshIds(set, table, warnings);
        int[] order = order(set, table, warnings);
        List<Field> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (Table.Slot slot : table.slots) {
            fields.add(slot.field);
            columns.add(slot.build(order));
        }
        return new InjectionResult(new Frame(new Schema(fields), columns), outcomes, warnings);
    }

    private static Table.Num labelSlot(Field f, Column col, List<String> warnings) {
        Field field = new Field(LABEL, ColumnType.NUMERIC, ColumnRole.LABEL);
        if (col instanceof Column.Numeric n) {
            return new Table.Num(field, n.values(), n.size());
        }
        warnings.add("the input's 'label' column is not numeric (" + f.type().id() + "); it is replaced by 0/1 labels");
        return new Table.Num(field, new double[col.size()], col.size());
    }

    private static Table.Cat scenarioSlot(Column col, List<String> warnings) {
        Field field = new Field(SCENARIO, ColumnType.CATEGORICAL, ColumnRole.IGNORE);
        if (col instanceof Column.Categorical c) {
            return new Table.Cat(field, c.codes(), c.dictionary(), c.size());
        }
        warnings.add("the input's 'scenario' column is not text; it is replaced");
        int[] codes = new int[col.size()];
        Arrays.fill(codes, -1);
        return new Table.Cat(field, codes, List.of(), col.size());
    }

    private static InjectionResult.Outcome apply(Scenario s, Table table, Table.Num label, Table.Cat scenario,
                                                 boolean[] picked, long seed, List<String> warnings) {
        List<String> missing = new ArrayList<>();
        for (String c : s.requiredColumns()) {
            if (table.get(c) == null) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            String why = "it needs columns " + String.join(", ", s.requiredColumns()) + "; missing: " + String.join(", ", missing);
            warnings.add("scenario '" + s.name() + "' skipped: " + why);
            return new InjectionResult.Outcome(s, 0, 0, why);
        }
        List<RowOp> ops = new ArrayList<>();
        Matcher matcher;
        Table.Time spreadColumn = null;
        try {
            matcher = Matcher.compile(s.where(), table);
            if (s.spread() != null) {
                spreadColumn = requireTime(table, s.spread().column(), "spread");
            }
            for (Operation op : s.operations()) {
                RowOp compiled = RowOp.compile(op, table);
                if (compiled != null) {
                    ops.add(compiled);
                }
            }
        } catch (Incompatible e) {
            warnings.add("scenario '" + s.name() + "' skipped: " + e.getMessage());
            return new InjectionResult.Outcome(s, 0, 0, e.getMessage());
        }
        SplittableRandom rng = Seeds.stream(seed, s.name().hashCode());
        int n = table.originalRows;
        int[] eligible = new int[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            // rows the input already labels anomalous stay as they are
            if (!picked[r] && label.v[r] != 1 && matcher.test(r)) {
                eligible[m++] = r;
            }
        }
        int want = s.count() != null ? s.count() : (int) Math.round(s.fraction() * n);
        int k = Math.min(want, m);
        if (k < want) {
            warnings.add("scenario '" + s.name() + "': asked for " + want + " rows, only " + m + " are eligible; picked " + k);
        }
        int[] chosen = RowSample.pick(Arrays.copyOf(eligible, m), k, rng);
        int code = scenario.code(s.name());
        int labeled = 0;
        double[] offsets = new double[0];
        for (int row : chosen) {
            picked[row] = true;
            if (s.mode() == Scenario.Mode.MODIFY) {
                for (RowOp op : ops) {
                    op.apply(row, 1, rng);
                }
                label.v[row] = 1;
                scenario.codes[row] = code;
                labeled++;
                continue;
            }
            int copies = s.copies().drawInt(rng);
            if (offsets.length < copies) {
                offsets = new double[copies];
            }
            if (s.spread() != null) {
                for (int c = 0; c < copies; c++) {
                    offsets[c] = s.spread().seconds().draw(rng);
                }
                Arrays.sort(offsets, 0, copies);
            }
            for (int c = 0; c < copies; c++) {
                int added = table.appendCopyOf(row);
                if (spreadColumn != null && spreadColumn.v[row] != Column.Timestamp.MISSING) {
                    spreadColumn.v[added] = spreadColumn.v[row] + Math.round(offsets[c] * 1000);
                }
                for (RowOp op : ops) {
                    op.apply(added, copies, rng);
                }
                label.v[added] = 1;
                scenario.codes[added] = code;
                labeled++;
            }
        }
        return new InjectionResult.Outcome(s, k, labeled, null);
    }

    /** Added rows get new values in the file's numeric id columns: max + 1, max + 2, ... */
    private static void freshIds(ScenarioSet set, Table table, List<String> warnings) {
        if (table.rows == table.originalRows) {
            return;
        }
        for (String name : set.idColumns()) {
            if (!(table.get(name) instanceof Table.Num id)) {
                continue;
            }
            double max = 0;
            for (int r = 0; r < table.originalRows; r++) {
                if (!Double.isNaN(id.v[r])) {
                    max = Math.max(max, id.v[r]);
                }
            }
            max = Math.floor(max);
            for (int r = table.originalRows; r < table.rows; r++) {
                id.v[r] = ++max;
            }
        }
    }

    private static int[] order(ScenarioSet set, Table table, List<String> warnings) {
        int[] order = table.naturalOrder();
        if (set.sortBy() == null) {
            return order;
        }
        Table.Slot key = table.get(set.sortBy());
        if (key == null) {
            return order;
        }
        long[] keys = new long[table.rows];
        switch (key) {
            case Table.Time t -> {
                for (int r = 0; r < table.rows; r++) {
                    keys[r] = t.v[r];
                }
            }
            case Table.Num num -> {
                for (int r = 0; r < table.rows; r++) {
                    keys[r] = sortableBits(num.v[r]);
                }
            }
            case Table.Cat c -> {
                warnings.add("sort_by column '" + set.sortBy() + "' is not a time or a number; rows are kept in input order");
                return order;
            }
        }
        return StableIndexSort.sort(order, (a, b) -> keys[a] < keys[b]);
    }

    /** Orders doubles as longs; NaN sorts last. */
    private static long sortableBits(double v) {
        if (Double.isNaN(v)) {
            return Long.MAX_VALUE;
        }
        long bits = Double.doubleToLongBits(v == 0 ? 0.0 : v);
        return bits < 0 ? ~bits | Long.MIN_VALUE : bits;
    }

    /** Thrown while compiling a scenario against a table whose columns do not fit it. */
    static final class Incompatible extends Exception {
        Incompatible(String message) {
            super(message, null, false, false);
        }
    }

    static Table.Num requireNumber(Table table, String column, String op, boolean allowBoolean) throws Incompatible {
        Table.Slot s = table.get(column);
        if (s instanceof Table.Num n && (allowBoolean || !n.isBoolean())) {
            return n;
        }
        throw new Incompatible(op + " needs column '" + column + "' to be numeric; it is " + kind(s));
    }

    static Table.Time requireTime(Table table, String column, String op) throws Incompatible {
        Table.Slot s = table.get(column);
        if (s instanceof Table.Time t) {
            return t;
        }
        throw new Incompatible(op + " needs column '" + column + "' to be a timestamp; it is " + kind(s));
    }

    private static String kind(Table.Slot s) {
        return s == null ? "absent" : s.field.type().id();
    }

    /** Which rows a scenario may pick. */
    private interface Matcher {
        boolean test(int row);

        static Matcher compile(List<Scenario.Condition> where, Table table) throws Incompatible {
            Matcher all = r -> true;
            for (Scenario.Condition c : where) {
                Matcher one = condition(c, table);
                Matcher before = all;
                all = r -> before.test(r) && one.test(r);
            }
            return all;
        }

        private static Matcher condition(Scenario.Condition c, Table table) throws Incompatible {
            Table.Slot slot = table.get(c.column());
            double min = c.min() == null ? Double.NEGATIVE_INFINITY : c.min();
            double max = c.max() == null ? Double.POSITIVE_INFINITY : c.max();
            switch (slot) {
                case Table.Num num -> {
                    double[] in = new double[c.in().size()];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = asNumber(c.in().get(i), "where '" + c.column() + "'");
                    }
                    return r -> {
                        double v = num.v[r];
                        if (Double.isNaN(v) || v < min || v > max) {
                            return false;
                        }
                        if (in.length == 0) {
                            return true;
                        }
                        for (double x : in) {
                            if (x == v) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                case Table.Cat cat -> {
                    if (c.min() != null || c.max() != null) {
                        throw new Incompatible("where '" + c.column() + "' has min/max but the column is text");
                    }
                    boolean[] accept = new boolean[cat.dictionary.size()];
                    for (int i = 0; i < accept.length; i++) {
                        accept[i] = c.in().contains(cat.dictionary.get(i));
                    }
                    return r -> cat.codes[r] >= 0 && cat.codes[r] < accept.length && accept[cat.codes[r]];
                }
                case Table.Time t -> {
                    if (!c.in().isEmpty()) {
                        throw new Incompatible("where '" + c.column() + "' compares a timestamp with values; use min/max (epoch seconds)");
                    }
                    return r -> t.v[r] != Column.Timestamp.MISSING && t.v[r] / 1000.0 >= min && t.v[r] / 1000.0 <= max;
                }
            }
        }
    }

    static double asNumber(Object value, String what) throws Incompatible {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        String s = value.toString().trim();
        if (s.equalsIgnoreCase("true")) {
            return 1;
        }
        if (s.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new Incompatible(what + ": '" + s + "' is not a number, and the column is numeric");
        }
    }

    /** An operation bound to the table's columns. */
    @FunctionalInterface
    interface RowOp {
        void apply(int row, int burstSize, SplittableRandom rng);

        /** The bound operation, or null when it is {@code if_present} and its columns are absent. */
        static RowOp compile(Operation op, Table table) throws Incompatible {
            if (op.ifPresent()) {
                for (String c : op.columns()) {
                    if (table.get(c) == null) {
                        return null;
                    }
                }
            }
            String name = "operation '" + op.op() + "'";
            return switch (op) {
                case Operation.Set set -> compileSet(set, table, name);
                case Operation.Scale scale -> {
                    Table.Num num = requireNumber(table, scale.column(), name, false);
                    yield (r, b, rng) -> num.v[r] = keepInteger(num.v[r], num.v[r] * scale.factor().draw(rng));
                }
                case Operation.Add add -> {
                    Table.Num num = requireNumber(table, add.column(), name, false);
                    yield (r, b, rng) -> num.v[r] = keepInteger(num.v[r], num.v[r] + add.amount().draw(rng));
                }
                case Operation.ShiftTime shift -> {
                    Table.Time t = requireTime(table, shift.column(), name);
                    yield (r, b, rng) -> {
                        if (t.v[r] != Column.Timestamp.MISSING) {
                            t.v[r] += Math.round(shift.seconds().draw(rng) * 1000);
                        }
                    };
                }
                case Operation.OffHours off -> {
                    Table.Time t = requireTime(table, off.column(), name);
                    Table.Num hour = off.hourColumn() != null && table.get(off.hourColumn()) != null
                            ? requireNumber(table, off.hourColumn(), name + " (hour_column)", false) : null;
                    double span = off.toHour() > off.fromHour() ? off.toHour() - off.fromHour() : off.toHour() + 24 - off.fromHour();
                    yield (r, b, rng) -> {
                        double h = (off.fromHour() + span * rng.nextDouble()) % 24;
                        if (t.v[r] != Column.Timestamp.MISSING) {
                            long day = Math.floorDiv(t.v[r], 86_400_000L) * 86_400_000L;
                            t.v[r] = day + (long) (h * 3600) * 1000;
                        }
                        if (hour != null) {
                            hour.v[r] = Math.floor(h);
                        }
                    };
                }
                case Operation.JumpLocation jump -> {
                    Table.Num lat = requireNumber(table, jump.latColumn(), name, false);
                    Table.Num lon = requireNumber(table, jump.lonColumn(), name, false);
                    Table.Num dist = jump.distanceColumn() != null && table.get(jump.distanceColumn()) != null
                            ? requireNumber(table, jump.distanceColumn(), name + " (distance_column)", false) : null;
                    double[] point = new double[2];
                    yield (r, b, rng) -> {
                        double km = jump.km().draw(rng);
                        double fromLat = Double.isNaN(lat.v[r]) ? 0 : lat.v[r];
                        double fromLon = Double.isNaN(lon.v[r]) ? 0 : lon.v[r];
                        Geo.destination(fromLat, fromLon, 360 * rng.nextDouble(), km, point);
                        lat.v[r] = Seeds.round(point[0], 5);
                        lon.v[r] = Seeds.round(point[1], 5);
                        if (dist != null) {
                            dist.v[r] = Seeds.round(Geo.distanceKm(fromLat, fromLon, lat.v[r], lon.v[r]), 2);
                        }
                    };
                }
                case Operation.BurstSize burst -> {
                    Table.Num num = requireNumber(table, burst.column(), name, false);
                    yield (r, b, rng) -> num.v[r] = b;
                }
            };
        }

        private static RowOp compileSet(Operation.Set set, Table table, String name) throws Incompatible {
            Table.Slot slot = table.get(set.column());
            int k = set.values().size();
            switch (slot) {
                case Table.Num num -> {
                    double[] v = new double[k];
                    for (int i = 0; i < k; i++) {
                        v[i] = asNumber(set.values().get(i), name + " on '" + set.column() + "'");
                    }
                    return (r, b, rng) -> num.v[r] = v[k == 1 ? 0 : rng.nextInt(k)];
                }
                case Table.Cat cat -> {
                    int[] codes = new int[k];
                    for (int i = 0; i < k; i++) {
                        codes[i] = cat.code(text(set.values().get(i)));
                    }
                    return (r, b, rng) -> cat.codes[r] = codes[k == 1 ? 0 : rng.nextInt(k)];
                }
                case Table.Time t -> {
                    long[] v = new long[k];
                    for (int i = 0; i < k; i++) {
                        try {
                            v[i] = Instant.parse(text(set.values().get(i))).toEpochMilli();
                        } catch (DateTimeParseException e) {
                            throw new Incompatible(name + " on '" + set.column() + "': '" + set.values().get(i)
                                    + "' is not an ISO-8601 instant (e.g. 2024-01-01T03:00:00Z)");
                        }
                    }
                    return (r, b, rng) -> t.v[r] = v[k == 1 ? 0 : rng.nextInt(k)];
                }
            }
        }

        private static String text(Object v) {
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return v.toString();
        }

        /** Whole numbers stay whole (byte counts, attempts); others keep 4 decimals. */
        private static double keepInteger(double before, double after) {
            if (Double.isNaN(before)) {
                return before;
            }
            return before == Math.rint(before) ? Math.rint(after) : Seeds.round(after, 4);
        }
    }
}
