package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.export.Alert;

import java.time.Instant;

/**
 * OCSF 1.3.0 Detection Finding (class_uid 2004, category_uid 2 Findings).
 *
 * <p>Spec: https://schema.ocsf.io/1.3.0/classes/detection_finding (schema sources:
 * github.com/ocsf/ocsf-schema events/base_event.json, events/findings/finding.json,
 * events/findings/detection_finding.json, objects/finding_info.json, objects/metadata.json,
 * objects/product.json). Required: {@code activity_id}, {@code category_uid}, {@code class_uid},
 * {@code type_uid} (= class_uid × 100 + activity_id), {@code severity_id}, {@code time} (epoch
 * milliseconds: when the finding was created), {@code metadata} with {@code version} (the OCSF
 * version) and {@code product} ({@code name}, {@code vendor_name}), {@code finding_info} with
 * {@code uid}. Severity: 1 Informational, 3 Medium, 4 High, 5 Critical; risk_level_id: 0 Info,
 * 2 Medium, 3 High, 4 Critical. The whole alert is kept under {@code unmapped.sentinelrisk}.
 */
public record OcsfFormat() implements AlertFormat {
    public static final String OCSF_VERSION = "1.3.0";
    static final int CLASS_UID = 2004;
    static final int CATEGORY_UID = 2;
    static final int ACTIVITY_CREATE = 1;

    @Override
    public String render(Alert alert, Instant now) {
        AlertView v = new AlertView(alert);
        long nowMs = Nodes.millis(now).toEpochMilli();
        ObjectNode f = Nodes.object();
        f.put("activity_id", ACTIVITY_CREATE);
        f.put("activity_name", "Create");
        f.put("category_uid", CATEGORY_UID);
        f.put("category_name", "Findings");
        f.put("class_uid", CLASS_UID);
        f.put("class_name", "Detection Finding");
        f.put("type_uid", CLASS_UID * 100 + ACTIVITY_CREATE);
        f.put("type_name", "Detection Finding: Create");
        f.put("time", nowMs);
        int severityId = severityId(v.severity());
        f.put("severity_id", severityId);
        f.put("severity", severityName(severityId));
        f.put("status_id", 1);
        f.put("status", "New");
        f.put("message", v.title());
        if (Double.isFinite(v.risk())) {
            f.put("risk_score", (int) Math.round(v.risk()));
        }
        int riskLevel = riskLevelId(v.severity());
        f.put("risk_level_id", riskLevel);
        f.put("risk_level", riskLevelName(riskLevel));

        ObjectNode info = f.putObject("finding_info");
        info.put("uid", v.key());
        info.put("title", v.title());
        info.put("desc", v.narrative());
        info.putArray("types").add(v.category() != null ? v.category() : "anomaly");
        info.put("created_time", nowMs);
        Instant eventTime = v.eventTime();
        if (eventTime != null) {
            long t = Nodes.millis(eventTime).toEpochMilli();
            info.put("first_seen_time", t);
            info.put("last_seen_time", t);
        }
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("name", "SentinelRisk anomaly model");
        analytic.put("type_id", 4);
        analytic.put("type", "Learning (ML/DL)");

        if (v.recommendedAction() != null) {
            f.putObject("remediation").put("desc", v.recommendedAction());   // Detection Finding: remediation (desc required)
        }

        ObjectNode metadata = f.putObject("metadata");
        metadata.put("version", OCSF_VERSION);
        ObjectNode product = metadata.putObject("product");
        product.put("name", Product.NAME);
        product.put("vendor_name", Product.VENDOR);
        product.put("version", Product.version());
        metadata.put("log_name", alert.source());

        ArrayNode observables = null;
        if (v.host() != null) {
            observables = f.putArray("observables");
            observables.addObject().put("name", "host").put("type_id", 1).put("type", "Hostname").put("value", v.host());
        }
        if (v.user() != null) {
            if (observables == null) {
                observables = f.putArray("observables");
            }
            observables.addObject().put("name", "user").put("type_id", 4).put("type", "User Name").put("value", v.user());
        }
        f.putObject("unmapped").set("sentinelrisk", Nodes.alert(alert));
        return Nodes.line(f);
    }

    static int severityId(String severity) {
        return switch (severity) {
            case "critical" -> 5;
            case "high" -> 4;
            case "medium" -> 3;
            default -> 1;
        };
    }

    static String severityName(int id) {
        return switch (id) {
            case 5 -> "Critical";
            case 4 -> "High";
            case 3 -> "Medium";
            default -> "Informational";
        };
    }

    static int riskLevelId(String severity) {
        return switch (severity) {
            case "critical" -> 4;
            case "high" -> 3;
            case "medium" -> 2;
            default -> 0;
        };
    }

    static String riskLevelName(int id) {
        return switch (id) {
            case 4 -> "Critical";
            case 3 -> "High";
            case 2 -> "Medium";
            default -> "Info";
        };
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.OCSF;
    }
}
