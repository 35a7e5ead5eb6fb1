package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gives columns their roles: what the config declares when a file is read ({@link #assign}),
 * then, when a model is fitted, the rules of {@link #forTraining} that keep answers,
 * identifiers and constants out of the features. Train, score, demo and evaluate all go
 * through these two, so a column is a feature in one exactly when it is in the others.
 */
public final class ColumnRoles {
    /**
     * Names of ground-truth columns (compared in lower case): what the generators write as the
     * answer ({@code scenario}, {@code label}) and the usual names of labels in public data.
     * Never features unless declared in {@code feature_columns}.
     */
    public static final Set<String> GROUND_TRUTH = Set.of("scenario", "label", "is_anomaly", "anomaly_label",
            "is_attack", "attack_type", "is_fraud", "isfraud", "is_malicious", "ground_truth");

    /** A text column with more distinct values than this share of its non-missing rows identifies rows. */
    public static final double ID_DISTINCT_SHARE = 0.5;

    /**
     * A text column gets the "predicts the label" warning only with at most this many values:
     * with many rare values, each falls in one class by chance (a lookup table, not a leak).
     */
    public static final int LEAK_MAX_CATEGORIES = 20;

    private ColumnRoles() {
    }

    /** Why a column that could have been a feature is not one. */
    public record Exclusion(String column, ColumnRole role, String reason) {
    }

    /**
     * The training frame with its final roles, the columns the rules took out of the features,
     * and warnings for people (constant columns, columns that give the label away).
     */
    public record Resolved(Frame frame, List<Exclusion> excluded, List<String> warnings) {
        public Resolved {
            excluded = List.copyOf(excluded);
            warnings = List.copyOf(warnings);
        }

        /** The exclusions as the report's {@code training.excluded_columns}. */
        public List<Map<String, Object>> excludedForReport() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Exclusion e : excluded) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("column", e.column());
                m.put("role", e.role().id());
                m.put("reason", e.reason());
                out.add(m);
            }
            return out;
        }
    }

    /**
     * Marks the config's id and ignored columns; every other column stays a feature for now.
     * Configured columns that the data lacks are an error naming them and the data's columns.
     */
    public static Frame assign(Frame frame, SentinelConfig config, String source) {
        List<String> unknown = new ArrayList<>();
        for (List<String> declared : List.of(config.idColumns(), config.ignoreColumns())) {
            for (String c : declared) {
                if (frame.schema().indexOf(c) < 0) {
                    unknown.add(c);
                }
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

    /**
     * The roles a model was trained with, applied to data it scores: a column the model kept as
     * a key is shown as a key, whatever the config said when the file was read. Columns the
     * model does not know keep their role.
     */
    public static Frame asTrained(Frame frame, Schema trained) {
        List<Field> fields = new ArrayList<>(frame.schema().size());
        boolean changed = false;
        for (Field f : frame.schema().fields()) {
            int i = trained.indexOf(f.name());
            ColumnRole role = i < 0 || f.role() == ColumnRole.LABEL ? f.role() : trained.field(i).role();
            changed |= role != f.role();
            fields.add(f.withRole(role));
        }
        return changed ? frame.withSchema(new Schema(fields)) : frame;
    }

    /** The frame with {@code column} (if it is a feature) made a ground-truth column: ignored. */
    public static Frame asGroundTruth(Frame frame, String column) {
        int i = column == null ? -1 : frame.schema().indexOf(column);
        if (i < 0 || frame.schema().field(i).role() != ColumnRole.FEATURE) {
            return frame;
        }
        List<Field> fields = new ArrayList<>(frame.schema().fields());
        fields.set(i, fields.get(i).withRole(ColumnRole.IGNORE));
        return frame.withSchema(new Schema(fields));
    }

    /**
     * The rules that decide, at fit time, which of the remaining feature columns are not
     * features (a column in the config's {@code feature_columns} escapes the first three):
     * <ol>
     *   <li>a ground-truth name ({@link #GROUND_TRUTH}): ignored;</li>
     *   <li>an identifier name ({@link #isIdentifierName}): kept as a key (role ID, shown in
     *   outputs);</li>
     *   <li>an identifier by its values: a text column with more distinct values than
     *   {@link #ID_DISTINCT_SHARE} of its rows, or a numeric column of distinct consecutive
     *   integers (a row number): kept as a key;</li>
     *   <li>a constant column (every non-missing value equal, or none): ignored, with a warning.</li>
     * </ol>
     * With labels, a feature that separates them perfectly gets a warning naming it. No feature
     * left is an error naming every excluded column and why.
     */
    public static Resolved forTraining(Frame frame, SentinelConfig config, int[] labels) {
        return forTraining(frame, config, labels, null);
    }

    /**
     * {@link #forTraining(Frame, SentinelConfig, int[])} for a frame that is a sample of the
     * training data: {@code whole} (null = the frame is the whole data) says whether a column is
     * constant in the whole data and whether a numeric column can be a row number there; the
     * other rules (names, distinct shares, the label warning) read the sample.
     */
    public static Resolved forTraining(Frame frame, SentinelConfig config, int[] labels, ColumnFacts whole) {
        List<String> undeclared = config.featureColumns().stream().filter(c -> frame.schema().indexOf(c) < 0).toList();
        if (!undeclared.isEmpty()) {
            // Checked when fitting only: data to score may lack a declared column the model dropped.
            throw new InputException("the training data has no column(s) " + String.join(", ", undeclared)
                    + " named in feature_columns (its columns: " + String.join(", ", frame.schema().names()) + ")");
        }
        List<Field> fields = new ArrayList<>(frame.schema().fields());
        List<Exclusion> excluded = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (f.role() != ColumnRole.FEATURE) {
                continue;
            }
            Column col = frame.column(i);
            boolean declared = config.featureColumns().contains(f.name());
            Exclusion e = declared ? null : identify(f, col, whole);
            if (e == null) {
                String constant = whole == null ? constantValue(frame, i) : whole.constantValue(f.name());
                if (constant != null) {
                    e = new Exclusion(f.name(), ColumnRole.IGNORE, "constant in the training data ("
                            + (constant.isEmpty() ? "every value is missing" : "every value is " + shorten(constant)) + ")");
                    warnings.add("column '" + f.name() + "' is " + e.reason() + ": not used as a feature");
                }
            }
            if (e != null) {
                fields.set(i, f.withRole(e.role()));
                excluded.add(e);
            }
        }
        Frame resolved = frame.withSchema(new Schema(fields));
        if (resolved.schema().withRole(ColumnRole.FEATURE).isEmpty()) {
            throw noFeatures(excluded);
        }
        if (labels != null) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).role() == ColumnRole.FEATURE && separatesLabels(resolved.column(i), labels)) {
                    warnings.add("column '" + fields.get(i).name() + "' predicts the label perfectly in the training data;"
                            + " if it is derived from the answer, add it to ignore_columns");
                }
            }
        }
        return new Resolved(resolved, excluded, warnings);
    }

    private static InputException noFeatures(List<Exclusion> excluded) {
        if (excluded.isEmpty()) {
            return new InputException("no feature columns to learn from: every column is an id, label or ignored");
        }
        boolean declarable = excluded.stream().anyMatch(e -> e.role() == ColumnRole.ID || isGroundTruthName(e.column()));
        return new InputException("no feature columns to learn from: " + excluded.stream()
                .map(e -> e.column() + " (" + e.reason() + ")").collect(Collectors.joining(", "))
                + (declarable ? "; declare the columns to use in feature_columns" : ""));
    }

    /**
     * True for {@code id}, {@code uuid}, {@code guid} and names ending in {@code _id},
     * {@code -id}, {@code _uuid}, {@code _guid} (any case), or in camel case {@code Id}/{@code ID}
     * after a lower-case letter or digit ({@code userId}, {@code TransactionID}).
     */
    public static boolean isIdentifierName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("id") || n.equals("uuid") || n.equals("guid")) {
            return true;
        }
        for (String suffix : List.of("_id", "-id", " id", "_uuid", "-uuid", "_guid")) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        String t = name.trim();
        if (t.length() > 2 && (t.endsWith("Id") || t.endsWith("ID"))) {
            char before = t.charAt(t.length() - 3);
            return Character.isLowerCase(before) || Character.isDigit(before);
        }
        return false;
    }

    public static boolean isGroundTruthName(String name) {
        return GROUND_TRUTH.contains(name.trim().toLowerCase(Locale.ROOT));
    }

    private static Exclusion identify(Field f, Column col, ColumnFacts whole) {
        if (isGroundTruthName(f.name())) {
            return new Exclusion(f.name(), ColumnRole.IGNORE, "ground truth (named like a label or scenario column)");
        }
        if (isIdentifierName(f.name())) {
            return new Exclusion(f.name(), ColumnRole.ID, "named like an identifier");
        }
        if (col instanceof Column.Categorical c) {
            int present = 0;
            int[] seen = new int[c.dictionary().size()];
            int distinct = 0;
            for (int code : c.codes()) {
                if (code >= 0) {
                    present++;
                    distinct += seen[code]++ == 0 ? 1 : 0;
                }
            }
            if (present > 1 && distinct > ID_DISTINCT_SHARE * present) {
                return new Exclusion(f.name(), ColumnRole.ID, distinct + " distinct values in " + present
                        + " rows: identifies rows rather than describes them");
            }
        }
        if (col instanceof Column.Numeric n && f.type() == ColumnType.NUMERIC
                && (whole == null ? isRowNumber(n.values()) : whole.integerRun(f.name()) && distinctIntegers(n.values()))) {
            return new Exclusion(f.name(), ColumnRole.ID, "distinct consecutive integers: a row number");
        }
        return null;
    }

    /** Distinct integers forming one consecutive run (in any order), no missing value, at least 3. */
    private static boolean isRowNumber(double[] v) {
        if (v.length < 3) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (Double.isNaN(x) || x != Math.rint(x)) {
                return false;
            }
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (max - min != v.length - 1) {
            return false;
        }
        boolean[] seen = new boolean[v.length];
        for (double x : v) {
            int k = (int) (x - min);
            if (seen[k]) {
                return false;
            }
            seen[k] = true;
        }
        return true;
    }

    /** Integers, none missing, no two equal: what a sample of a row number looks like. */
    private static boolean distinctIntegers(double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);   // NaN sorts last
        for (int i = 0; i < sorted.length; i++) {
            double x = sorted[i];
            if (Double.isNaN(x) || x != Math.rint(x) || (i > 0 && x == sorted[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** The one value every non-missing row of column {@code i} holds ("" if all are missing), or null. */
    private static String constantValue(Frame frame, int i) {
        Column col = frame.column(i);
        int first = -1;
        for (int r = 0; r < col.size(); r++) {
            if (col.isMissing(r)) {
                continue;
            }
            if (first < 0) {
                first = r;
            } else if (!sameValue(col, first, r)) {
                return null;
            }
        }
        return first < 0 ? "" : frame.text(i, first);
    }

    private static boolean sameValue(Column col, int a, int b) {
        return switch (col) {
            case Column.Numeric n -> n.values()[a] == n.values()[b];
            case Column.Categorical c -> c.codes()[a] == c.codes()[b]
                    || c.dictionary().get(c.codes()[a]).equals(c.dictionary().get(c.codes()[b]));
            case Column.Timestamp t -> t.epochMillis()[a] == t.epochMillis()[b];
        };
    }

    /**
     * True when the column alone tells the labels apart on every row (a missing value counts as
     * one more value), both classes present: every category (of at most {@link #LEAK_MAX_CATEGORIES}) belongs to one class, or (numbers, booleans, timestamps) one
     * threshold puts all anomalies on one side and all normal rows on the other.
     */
    static boolean separatesLabels(Column col, int[] labels) {
        return switch (col) {
            case Column.Categorical c -> pureCategories(c, labels);
            case Column.Numeric n -> separable(n.values(), labels);
            case Column.Timestamp t -> {
                double[] v = new double[t.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = t.isMissing(r) ? Double.NaN : t.epochMillis()[r];
                }
                yield separable(v, labels);
            }
        };
    }

    private static boolean pureCategories(Column.Categorical c, int[] labels) {
        // Class seen per dictionary code, the last slot for missing (a value too): -1 = none yet.
        int[] classOf = new int[c.dictionary().size() + 1];
        java.util.Arrays.fill(classOf, -1);
        int missing = classOf.length - 1;
        boolean[] classes = new boolean[2];
        int values = 0;
        int[] codes = c.codes();
        for (int r = 0; r < labels.length; r++) {
            classes[labels[r]] = true;
            int slot = codes[r] < 0 ? missing : codes[r];
            if (classOf[slot] < 0) {
                classOf[slot] = labels[r];
                if (++values > LEAK_MAX_CATEGORIES) {
                    return false;
                }
            } else if (classOf[slot] != labels[r]) {
                return false;
            }
        }
        return classes[0] && classes[1];
    }

    /**
     * Whether a threshold puts the two classes' values apart. Each class's range only widens
     * row by row, so once both ranges overlap the answer is no, and the rest of the column is
     * not read (checked every few thousand rows). Plain comparisons for the ranges: a range may
     * keep 0.0 where Math.min/max would take -0.0, which no comparison below tells apart.
     */
    private static boolean separable(double[] v, int[] labels) {
        double lo0 = Double.POSITIVE_INFINITY;
        double hi0 = Double.NEGATIVE_INFINITY;
        double lo1 = Double.POSITIVE_INFINITY;
        double hi1 = Double.NEGATIVE_INFINITY;
        boolean missing0 = false;
        boolean missing1 = false;
        for (int from = 0; from < labels.length; from += SEPARABLE_CHECK_ROWS) {
            int to = Math.min(labels.length, from + SEPARABLE_CHECK_ROWS);
            for (int r = from; r < to; r++) {
                double x = v[r];
                if (Double.isNaN(x)) {   // missing must point to one class as well
                    if (labels[r] == 0) {
                        missing0 = true;
                    } else {
                        missing1 = true;
                    }
                    if (missing0 && missing1) {
                        return false;
                    }
                } else if (labels[r] == 0) {
                    if (x < lo0) {
                        lo0 = x;
                    }
                    if (x > hi0) {
                        hi0 = x;
                    }
                } else {
                    if (x < lo1) {
                        lo1 = x;
                    }
                    if (x > hi1) {
                        hi1 = x;
                    }
                }
            }
            if (lo0 <= hi0 && lo1 <= hi1 && !(hi0 < lo1 || hi1 < lo0)) {
                return false;   // overlapping ranges stay overlapping
            }
        }
        boolean both = lo0 <= hi0 && lo1 <= hi1;
        return both && (hi0 < lo1 || hi1 < lo0);
    }

    /** Rows between two looks at whether the classes' ranges already overlap. */
    private static final int SEPARABLE_CHECK_ROWS = 4096;

    private static String shorten(String s) {
        return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 40) + "…'";
    }
}
