package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.FeatureBaseline;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.prepare.Preparation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps the pipeline's fitted parts (schema, preparation, calibration, explainer) to plain JSON
 * values and back. Reading checks every field and names the part and the field it misses.
 */
final class PipelineCodec {
    private PipelineCodec() {
    }

    // ---- schema ----

    static List<Manifest.SchemaColumn> schemaColumns(Schema schema) {
        List<Manifest.SchemaColumn> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            out.add(new Manifest.SchemaColumn(f.name(), f.type().id(), f.role().id()));
        }
        return out;
    }

    static Schema schema(List<Manifest.SchemaColumn> columns, String part) {
        List<Field> fields = new ArrayList<>();
        for (Manifest.SchemaColumn c : columns) {
            ColumnType type = ColumnType.parse(c.type());
            if (type == null) {
                throw corrupt(part, "unknown column type " + c.type());
            }
            ColumnRole role;
            try {
                role = ColumnRole.valueOf(c.role().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw corrupt(part, "unknown column role " + c.role());
            }
            fields.add(new Field(c.name(), type, role));
        }
        return new Schema(fields);
    }

    // ---- preparation ----

    static Map<String, Object> preparation(Preparation p) {
        List<Map<String, Object>> cols = new ArrayList<>();
        for (ColumnPrep c : p.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", c.column());
            switch (c) {
                case ColumnPrep.Numeric n -> {
                    m.put("kind", "numeric");
                    m.put("fill", n.fill());
                }
                case ColumnPrep.Frequency f -> {
                    m.put("kind", "frequency");
                    m.put("mode", f.mode());
                    m.put("frequencies", new TreeMap<>(f.frequencies()));
                    m.put("other", f.other());
                }
                case ColumnPrep.OneHot o -> {
                    m.put("kind", "onehot");
                    m.put("mode", o.mode());
                    m.put("categories", o.categories());
                }
                case ColumnPrep.TimeOfWeek t -> {
                    m.put("kind", "time_of_week");
                    m.put("fill_hour", t.fillHour());
                    m.put("fill_day", t.fillDay());
                }
            }
            cols.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", cols);
        out.put("center", p.center());
        out.put("scale", p.scale());
        return out;
    }

    static Preparation preparation(Map<String, Object> json, String part) {
        List<ColumnPrep> cols = new ArrayList<>();
        for (Object o : list(json.get("columns"), part, "columns")) {
            Map<String, Object> m = map(o, part, "columns[]");
            String column = string(m, "column", part);
            String kind = string(m, "kind", part);
            cols.add(switch (kind) {
                case "numeric" -> new ColumnPrep.Numeric(column, number(m, "fill", part));
                case "frequency" -> new ColumnPrep.Frequency(column, doubles(map(m.get("frequencies"), part, "frequencies"), part),
                        string(m, "mode", part), m.containsKey("other") ? number(m, "other", part) : 0);   // absent before bucketing
                case "onehot" -> new ColumnPrep.OneHot(column, strings(m.get("categories"), part), string(m, "mode", part));
                case "time_of_week" -> new ColumnPrep.TimeOfWeek(column, number(m, "fill_hour", part), number(m, "fill_day", part));
                default -> throw corrupt(part, "unknown column preparation '" + kind + "'");
            });
        }
        try {
            return new Preparation(cols, doubleArray(json.get("center"), part), doubleArray(json.get("scale"), part));
        } catch (IllegalArgumentException e) {
            throw corrupt(part, e.getMessage());
        }
    }

    // ---- calibration ----

    static Map<String, Object> calibration(Calibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("critical_at", c.criticalAt());
        m.put("high_at", c.highAt());
        m.put("medium_at", c.mediumAt());
        m.put("anomaly_above", c.anomalyAt());
        m.put("score_floor", Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor());
        m.put("grid", c.grid());
        return m;
    }

    /** The manifest's summary of the calibration: its thresholds without the grid. */
    static Manifest.Thresholds thresholds(Calibration c) {
        return new Manifest.Thresholds(c.criticalAt(), c.highAt(), c.mediumAt(), c.anomalyAt(),
                Double.isNaN(c.scoreFloor()) ? null : c.scoreFloor());
    }

    static Calibration calibration(Map<String, Object> m, String part) {
        Object floor = m.get("score_floor");
        try {
            return new Calibration(doubleArray(m.get("grid"), part), number(m, "critical_at", part),
                    number(m, "high_at", part), number(m, "medium_at", part), number(m, "anomaly_above", part),
                    floor == null ? Double.NaN : number(m, "score_floor", part));
        } catch (IllegalArgumentException e) {
            throw corrupt(part, e.getMessage());
        }
    }

    // ---- explainer ----

    static Map<String, Object> explainer(Explainer e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FeatureBaseline b : e.baselines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("column", b.column());
            switch (b) {
                case FeatureBaseline.Numeric n -> {
                    m.put("kind", "numeric");
                    m.put("hour_of_day", n.hourOfDay());
                    m.put("median", n.median());
                    m.put("scale", n.scale());
                }
                case FeatureBaseline.Categorical c -> {
                    m.put("kind", "categorical");
                    m.put("shares", new TreeMap<>(c.shares()));
                    m.put("other_share", c.otherShare());
                    m.put("training_rows", c.trainingRows());
                }
            }
            out.add(m);
        }
        return Map.of("baselines", out);
    }

    static Explainer explainer(Map<String, Object> json, String part) {
        List<FeatureBaseline> out = new ArrayList<>();
        for (Object o : list(json.get("baselines"), part, "baselines")) {
            Map<String, Object> m = map(o, part, "baselines[]");
            String column = string(m, "column", part);
            String kind = string(m, "kind", part);
            out.add(switch (kind) {
                case "numeric" -> new FeatureBaseline.Numeric(column, Boolean.TRUE.equals(m.get("hour_of_day")),
                        number(m, "median", part), number(m, "scale", part));
                case "categorical" -> new FeatureBaseline.Categorical(column,
                        doubles(map(m.get("shares"), part, "shares"), part), number(m, "other_share", part),
                        (long) number(m, "training_rows", part));
                default -> throw corrupt(part, "unknown baseline '" + kind + "'");
            });
        }
        return new Explainer(out);
    }

    // ---- feature plan (opaque to core: the features module compiles the spec) ----

    static Map<String, Object> features(FeaturePart f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", f.origin());
        m.put("feature_columns", f.featureColumns());
        m.put("plan", f.plan());
        m.put("spec", f.spec());
        return m;
    }

    /** What the manifest says about the feature plan: where it is and what it adds. */
    static FeaturePart features(Map<String, Object> json, String part) {
        return new FeaturePart(string(json, "origin", part), string(json, "spec", part),
                strings(json.get("feature_columns"), part), map(json.get("plan"), part, "plan"));
    }

    // ---- checked access ----

    static InputException corrupt(String part, String what) {
        return new InputException(InputLocation.file(part), "corrupt bundle part: " + what);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String part, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw corrupt(part, "expected an object at " + what);
    }

    static List<?> list(Object o, String part, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw corrupt(part, "expected a list at " + what);
    }

    static String string(Map<String, Object> m, String key, String part) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw corrupt(part, "expected a string at " + key);
    }

    static double number(Map<String, Object> m, String key, String part) {
        if (m.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw corrupt(part, "expected a number at " + key);
    }

    static double[] doubleArray(Object o, String part) {
        List<?> l = list(o, part, "array");
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw corrupt(part, "expected numbers in an array");
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    static Map<String, Double> doubles(Map<String, Object> m, String part) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw corrupt(part, "expected a number for '" + e.getKey() + "'");
            }
            out.put(e.getKey(), n.doubleValue());
        }
        return out;
    }

    static List<String> strings(Object o, String part) {
        List<String> out = new ArrayList<>();
        for (Object x : list(o, part, "list")) {
            if (!(x instanceof String s)) {
                throw corrupt(part, "expected strings in a list");
            }
            out.add(s);
        }
        return out;
    }
}
