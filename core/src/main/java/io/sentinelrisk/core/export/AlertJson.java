package io.sentinelrisk.core.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.mapping.Business;

import java.io.IOException;
import java.util.Map;

/**
 * Alerts written as JSON with Jackson's streaming generator and field names encoded once: the
 * same bytes an {@code ObjectMapper} writes for an {@link Alert} (the server's and the cli's tests
 * compare them over every optional part), without the reflective bean serializers, which took
 * about a quarter of the server's time answering {@code POST /v1/score} and more than scoring the
 * record in a one-record {@code predict}. A change to the Alert shape shows up in those tests.
 */
public final class AlertJson {
    private static final SerializedString ALERT_ID = name("alert_id");
    private static final SerializedString ROW = name("row");
    private static final SerializedString LINE = name("line");
    private static final SerializedString SOURCE = name("source");
    private static final SerializedString ID = name("id");
    private static final SerializedString ENTITY = name("entity");
    private static final SerializedString EVENT_TIME = name("event_time");
    private static final SerializedString SCORE = name("score");
    private static final SerializedString RISK = name("risk");
    private static final SerializedString SEVERITY = name("severity");
    private static final SerializedString IS_ANOMALY = name("is_anomaly");
    private static final SerializedString LABEL = name("label");
    private static final SerializedString PREDICTED_LABEL = name("predicted_label");
    private static final SerializedString ANOMALY_SCORE = name("anomaly_score");
    private static final SerializedString RISK_LEVEL = name("risk_level");
    private static final SerializedString RISK_REASON = name("risk_reason");
    private static final SerializedString FEATURES = name("features");
    private static final SerializedString REASONS = name("reasons");
    private static final SerializedString NARRATIVE = name("narrative");
    private static final SerializedString BUSINESS = name("business");
    private static final SerializedString JUDGE = name("judge");
    private static final SerializedString FEATURE = name("feature");
    private static final SerializedString VALUE = name("value");
    private static final SerializedString DEVIATION = name("deviation");
    private static final SerializedString DIRECTION = name("direction");
    private static final SerializedString BASELINE = name("baseline");
    private static final SerializedString TEXT = name("text");
    private static final SerializedString CATEGORY = name("category");
    private static final SerializedString ESTIMATED_COST = name("estimated_cost");
    private static final SerializedString CURRENCY = name("currency");
    private static final SerializedString SLA_MINUTES = name("sla_minutes");
    private static final SerializedString RECOMMENDED_ACTION = name("recommended_action");
    private static final SerializedString ESCALATION = name("escalation");
    private static final SerializedString PROBABILITY = name("probability");
    private static final SerializedString DETECTOR_SCORE = name("detector_score");
    private static final SerializedString PREDICTED_CLASS = name("predicted_class");
    private static final SerializedString ATTRIBUTIONS = name("attributions");
    private static final SerializedString INPUT = name("input");
    private static final SerializedString CONTRIBUTION = name("contribution");

    private AlertJson() {
    }

    /**
     * A field name encoded once (here, not in the first answer); {@code public} for writers of
     * the documents around alerts (the server's answer).
     */
    public static SerializedString name(String s) {
        SerializedString n = new SerializedString(s);
        n.asQuotedUTF8(); // encode now, not on the first request
        return n;
    }

    /** One alert, field by field in the order and with the nulls of {@link Alert}'s annotations. */
    public static void write(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        string(g, ALERT_ID, a.alertId());
        number(g, ROW, a.row());
        if (a.line() != null) {
            number(g, LINE, a.line());
        }
        string(g, SOURCE, a.source());
        if (a.id() != null) {
            g.writeFieldName(ID);
            value(g, a.id());
        }
        if (a.entity() != null) {
            string(g, ENTITY, a.entity());
        }
        if (a.eventTime() != null) {
            string(g, EVENT_TIME, a.eventTime());
        }
        number(g, SCORE, a.score());
        number(g, RISK, a.risk());
        string(g, SEVERITY, a.severity());
        g.writeFieldName(IS_ANOMALY);
        g.writeBoolean(a.isAnomaly());
        if (a.label() != null) {
            number(g, LABEL, a.label());
        }
        number(g, PREDICTED_LABEL, a.predictedLabel());
        number(g, ANOMALY_SCORE, a.anomalyScore());
        string(g, RISK_LEVEL, a.riskLevel());
        string(g, RISK_REASON, a.riskReason());
        g.writeFieldName(FEATURES);
        object(g, a.features());
        g.writeFieldName(REASONS);
        g.writeStartArray();
        for (Explanation r : a.reasons()) {
            reason(g, r);
        }
        g.writeEndArray();
        string(g, NARRATIVE, a.narrative());
        if (a.business() != null) {
            g.writeFieldName(BUSINESS);
            business(g, a.business());
        }
        if (a.judge() != null) {
            g.writeFieldName(JUDGE);
            judge(g, a.judge());
        }
        g.writeEndObject();
    }

    private static void reason(JsonGenerator g, Explanation r) throws IOException {
        g.writeStartObject();
        string(g, FEATURE, r.feature());
        string(g, VALUE, r.value());
        number(g, DEVIATION, r.deviation());
        string(g, DIRECTION, r.direction());
        string(g, BASELINE, r.baseline());
        string(g, TEXT, r.text());
        g.writeEndObject();
    }

    private static void business(JsonGenerator g, Business b) throws IOException {
        g.writeStartObject();
        string(g, CATEGORY, b.category());
        string(g, RISK_LEVEL, b.riskLevel());
        g.writeFieldName(ESTIMATED_COST);
        value(g, b.estimatedCost());
        string(g, CURRENCY, b.currency());
        g.writeFieldName(SLA_MINUTES);
        value(g, b.slaMinutes());
        string(g, RECOMMENDED_ACTION, b.recommendedAction());
        g.writeFieldName(ESCALATION);
        g.writeStartArray();
        for (String e : b.escalation()) {
            value(g, e);
        }
        g.writeEndArray();
        string(g, NARRATIVE, b.narrative());
        g.writeEndObject();
    }

    private static void judge(JsonGenerator g, JudgeOutput j) throws IOException {
        g.writeStartObject();
        number(g, PROBABILITY, j.probability());
        number(g, DETECTOR_SCORE, j.detectorScore());
        if (j.predictedClass() != null) {
            string(g, PREDICTED_CLASS, j.predictedClass());
        }
        g.writeFieldName(ATTRIBUTIONS);
        g.writeStartArray();
        for (JudgeOutput.Attribution at : j.attributions()) {
            g.writeStartObject();
            string(g, INPUT, at.input());
            number(g, CONTRIBUTION, at.contribution());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, SerializableString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    /** Whole numbers (rows, lines, labels) as whole numbers, as the data binder writes an int or a long. */
    private static void number(JsonGenerator g, SerializableString name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        value(g, value);
    }

    private static void object(JsonGenerator g, Map<String, Object> map) throws IOException {
        if (map instanceof FeatureValues values) {
            g.writeStartObject();
            for (int i = 0; i < values.size(); i++) {
                g.writeFieldName(values.name(i));
                value(g, values.value(i));
            }
            g.writeEndObject();
            return;
        }
        g.writeStartObject();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }

    /**
     * A feature or id value: the types an alert holds written directly, anything else as the
     * mapper would. An instanceof chain, not a pattern switch: the switch's type dispatch took
     * most of this method's time, which is called for every value of every alert.
     */
    @SuppressWarnings("unchecked")
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
            object(g, (Map<String, Object>) m);
        } else {
            Fallback.MAPPER.writeValue(g, v);
        }
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Built only when a value of another type is met: its set-up costs more than a one-record predict. */
    private static final class Fallback {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
