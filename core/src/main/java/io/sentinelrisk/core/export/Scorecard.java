package io.sentinelrisk.core.export;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.entity.EntityAlert;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvReader;
import io.sentinelrisk.core.io.CsvTable;
import io.sentinelrisk.core.io.Timestamps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scorecard read back ({@link ScorecardExport} wrote it): the columns entity risk, incidents
 * and feedback statistics need, checked on reading. A file without them, or with a value that is
 * not what the scorecard writes, is an {@link InputException} naming the file, line and column.
 */
public final class Scorecard {
    /** The columns it must have. */
    public static final List<String> REQUIRED = List.of("score", "risk", "severity", "is_anomaly", "alert_id", "entity", "event_time");
    /** The business mapping's category column, used when present (else the severity is the category). */
    public static final String CATEGORY = "category";
    /** The kind of a flagged row's strongest reason ("high bytes_out"), the step of an incident without categories. */
    public static final String TOP_REASON = "top_reason";

    private final CsvTable table;
    private final Frame frame;
    private final String[] alertId;
    private final String[] entity;
    private final long[] eventMillis;
    private final double[] risk;
    private final Severity[] severity;
    private final boolean[] anomaly;
    private final Column category;

    private Scorecard(CsvTable table, String categoryColumn) {
        this.table = table;
        this.frame = table.frame();
        for (String c : REQUIRED) {
            if (frame.column(c) == null) {
                throw new InputException(InputLocation.file(table.file()), "not a scorecard: no '" + c + "' column (a scorecard has "
                        + String.join(", ", REQUIRED) + "; write one with --export-csv)");
            }
        }
        int n = frame.rows();
        alertId = new String[n];
        entity = new String[n];
        eventMillis = new long[n];
        risk = new double[n];
        severity = new Severity[n];
        anomaly = new boolean[n];
        Column ids = frame.column("alert_id");
        Column ent = frame.column("entity");
        Column time = frame.column("event_time");
        Column rk = frame.column("risk");
        Column sev = frame.column("severity");
        Column an = frame.column("is_anomaly");
        int riskCol = frame.schema().indexOf("risk");
        for (int r = 0; r < n; r++) {
            if (ids.isMissing(r)) {
                throw bad(r, "alert_id", "an alert id, found an empty cell");
            }
            alertId[r] = ids.text(r);
            entity[r] = ent.isMissing(r) ? null : ent.text(r);
            if (time.isMissing(r)) {
                eventMillis[r] = EntityAlert.NO_TIME;
            } else {
                long t = Timestamps.parse(time.text(r));
                if (t == Column.Timestamp.MISSING) {
                    throw bad(r, "event_time", "an ISO-8601 time like 2024-01-01T09:00:00Z, found '" + time.text(r) + "'");
                }
                eventMillis[r] = t;
            }
            double v = rk instanceof Column.Numeric num ? num.values()[r] : Double.NaN;
            if (!(v >= 0 && v <= 100)) {
                throw new InputException(table.location(r, riskCol), "risk: expected a number in [0, 100], found '" + frame.text(riskCol, r) + "'");
            }
            risk[r] = v;
            Severity s = severity(sev.text(r));
            if (s == null) {
                throw bad(r, "severity", "critical, high, medium or info, found '" + sev.text(r) + "'");
            }
            severity[r] = s;
            String a = an.text(r);
            if (!a.equals("true") && !a.equals("false")) {
                throw bad(r, "is_anomaly", "true or false, found '" + a + "'");
            }
            anomaly[r] = a.equals("true");
        }
        this.category = categoryColumn == null ? null : frame.column(categoryColumn);
    }

    /**
     * Reads a scorecard.
     *
     * @param categoryColumn the column of alert categories, or null for {@link #CATEGORY} when
     *                       present; a named column that is missing is an error
     */
    public static Scorecard read(Path file, String categoryColumn) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String c : List.of("alert_id", "entity", "event_time", "severity", "is_anomaly")) {
            types.put(c, ColumnType.CATEGORICAL);
        }
        types.put("risk", ColumnType.NUMERIC);
        types.put("score", ColumnType.NUMERIC);
        CsvTable table = CsvReader.readTable(file, new CsvOptions(null, types, null));
        String category = categoryColumn;
        if (category == null) {
            category = table.frame().column(CATEGORY) != null ? CATEGORY : null;
        } else if (table.frame().column(category) == null) {
            throw new InputException(InputLocation.file(table.file()), "no column '" + category + "' for the categories; the columns are "
                    + String.join(", ", table.frame().schema().names()));
        }
        return new Scorecard(table, category);
    }

    private InputException bad(int row, String column, String expected) {
        return new InputException(table.location(row, frame.schema().indexOf(column)), column + ": expected " + expected);
    }

    private static Severity severity(String text) {
        for (Severity s : Severity.values()) {
            if (s.id().equals(text)) {
                return s;
            }
        }
        return null;
    }

    public String file() {
        return table.file();
    }

    public int rows() {
        return frame.rows();
    }

    public String alertId(int row) {
        return alertId[row];
    }

    public boolean isAnomaly(int row) {
        return anomaly[row];
    }

    public long eventMillis(int row) {
        return eventMillis[row];
    }

    /** "category" when the categories come from a category column, else "severity". */
    public String categoryBasis() {
        return category == null ? "severity" : "category";
    }

    /** The row's category: its category column's value, else its severity. */
    public String category(int row) {
        if (category != null && !category.isMissing(row)) {
            return category.text(row);
        }
        return severity[row].id();
    }

    /** The text of another column of the row ("" when missing), or null when there is no such column. */
    public String text(String column, int row) {
        Column c = frame.column(column);
        return c == null ? null : c.text(row);
    }

    public boolean hasColumn(String column) {
        return frame.column(column) != null;
    }

    /** Every row the model flagged (is_anomaly), with its category ({@link #category}) as its kind. */
    public List<EntityAlert> alerts() {
        return alerts(false);
    }

    /**
     * Every row the model flagged. With {@code byReason}, a row without a category column value
     * takes its {@link #TOP_REASON} (when the scorecard has it) as its kind, for incident steps.
     */
    public List<EntityAlert> alerts(boolean byReason) {
        Column reason = byReason && category == null ? frame.column(TOP_REASON) : null;
        List<EntityAlert> out = new ArrayList<>();
        for (int r = 0; r < rows(); r++) {
            if (anomaly[r]) {
                String kind = reason != null && !reason.isMissing(r) ? reason.text(r) : category(r);
                out.add(new EntityAlert(alertId[r], r, entity[r], eventMillis[r], risk[r], severity[r], kind));
            }
        }
        return out;
    }

    /** How many flagged rows lack an entity or an event time (they cannot be placed). */
    public int unplacedAlerts() {
        int n = 0;
        for (int r = 0; r < rows(); r++) {
            n += anomaly[r] && (entity[r] == null || eventMillis[r] == EntityAlert.NO_TIME) ? 1 : 0;
        }
        return n;
    }

}
