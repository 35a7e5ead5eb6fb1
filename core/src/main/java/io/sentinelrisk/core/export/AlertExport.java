package io.sentinelrisk.core.export;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.io.AtomicFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-N export: a JSON array of the most anomalous records, highest score first, each with
 * its place in the input, id, score, risk, severity, is_anomaly, its values and the reasons why
 * it is odd. Field names are documented in docs/outputs.md.
 */
public final class AlertExport {
    private AlertExport() {
    }

    public static List<Map<String, Object>> alerts(ScoredData data, int topN) {
        int top = data.pipeline().config().explainTopFeatures();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int row : TopAlerts.select(data.scores().score(), topN)) {
            out.add(alert(data, row, top));
        }
        return out;
    }

    public static void write(Path target, ScoredData data, int topN) {
        List<Map<String, Object>> alerts = alerts(data, topN);
        AtomicFile.write(target, os -> os.write(Json.bytes(alerts)));
    }

    /** One record as exported. */
    public static Map<String, Object> alert(ScoredData data, int row, int topFeatures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", row);
        if (data.lineNumbers() != null) {
            m.put("line", data.lineNumbers()[row]);
        }
        m.put("source", data.source());
        Object id = id(data, row);
        if (id != null) {
            m.put("id", id);
        }
        m.put("score", data.scores().score()[row]);
        m.put("risk", round2(data.scores().risk()[row]));
        m.put("severity", data.scores().severity()[row].id());
        m.put("is_anomaly", data.scores().isAnomaly()[row]);
        if (data.labels() != null) {
            m.put("label", data.labels()[row]);
        }
        Map<String, Object> features = new LinkedHashMap<>();
        for (int c = 0; c < data.frame().columnCount(); c++) {
            Field f = data.frame().schema().field(c);
            if (f.role() == ColumnRole.FEATURE || f.role() == ColumnRole.ID) {
                features.put(f.name(), f.type() == ColumnType.BOOLEAN && !data.frame().column(c).isMissing(row)
                        ? (Object) "true".equals(data.frame().text(c, row))
                        : value(data.frame().column(c), row));
            }
        }
        m.put("features", features);
        List<Reason> reasons = data.pipeline().explain(data.frame(), row, topFeatures);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Reason r : reasons) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("feature", r.feature());
            rm.put("value", r.value());
            rm.put("deviation", round2(r.deviation()));
            rm.put("direction", r.deviation() > 0 ? "above" : r.deviation() < 0 ? "below" : "normal");
            rm.put("baseline", r.baseline());
            rm.put("text", r.narrative());
            rs.add(rm);
        }
        m.put("reasons", rs);
        m.put("narrative", Explainer.narrative(reasons));
        return m;
    }

    private static Object id(ScoredData data, int row) {
        List<Field> ids = data.frame().schema().withRole(ColumnRole.ID);
        if (ids.isEmpty()) {
            return null;
        }
        if (ids.size() == 1) {
            return value(data.frame().column(ids.get(0).name()), row);
        }
        Map<String, Object> composite = new LinkedHashMap<>();
        for (Field f : ids) {
            composite.put(f.name(), value(data.frame().column(f.name()), row));
        }
        return composite;
    }

    /** A cell as JSON: numbers as numbers, booleans as booleans, the rest as text; missing = null. */
    static Object value(Column c, int row) {
        if (c.isMissing(row)) {
            return null;
        }
        return switch (c) {
            case Column.Numeric n -> {
                double v = n.values()[row];
                yield v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
            }
            default -> c.text(row);
        };
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
