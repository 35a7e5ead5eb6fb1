package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.io.AtomicFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The top-N export in a chosen format. {@code json}: the JSON array of alerts (indented, as the
 * export always was). {@code ecs}, {@code ocsf}, {@code hec}: one JSON document per line (NDJSON),
 * which Filebeat / Elastic Agent, OCSF pipelines and the HEC endpoint take as is. {@code cef}: one
 * CEF line per alert. Every file ends with a newline and is written atomically.
 */
public final class AlertFiles {
    private AlertFiles() {
    }

    /** The file formats' formatter: HEC with its default sourcetype. */
    public static AlertFormat fileFormat(ExportFormat format) {
        return switch (format) {
            case JSON -> new JsonAlertFormat();
            case ECS -> new EcsFormat();
            case OCSF -> new OcsfFormat();
            case CEF -> new CefFormat();
            case HEC -> new HecFormat();
            case SLACK, PAGERDUTY -> throw new IllegalArgumentException(format.id() + " is a delivery format, not a file format");
        };
    }

    /** The bytes of the export of {@code alerts} in {@code format}, as of {@code now}. */
    public static byte[] bytes(List<Alert> alerts, ExportFormat format, Instant now) {
        if (format == ExportFormat.JSON) {
            return Json.bytes(alerts);
        }
        AlertFormat f = fileFormat(format);
        StringBuilder sb = new StringBuilder(alerts.size() * 512);
        for (Alert a : alerts) {
            sb.append(f.render(a, now)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void write(Path target, List<Alert> alerts, ExportFormat format, Instant now) {
        byte[] b = bytes(alerts, format, now);
        AtomicFile.write(target, os -> os.write(b));
    }
}
