package io.sentinelrisk.core.export.format;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The alert formats by name, as users write them (config, {@code --export-format}). */
public enum ExportFormat {
    /** The alert as is (docs/outputs.md). */
    JSON(true),
    /** Elastic Common Schema document, {@code event.kind: alert}. */
    ECS(true),
    /** OCSF Detection Finding (class 2004). */
    OCSF(true),
    /** ArcSight Common Event Format, one line. */
    CEF(true),
    /** Splunk HTTP Event Collector event envelope. */
    HEC(true),
    /** Slack-compatible incoming-webhook message. */
    SLACK(false),
    /** PagerDuty Events API v2 trigger. */
    PAGERDUTY(false);

    private final boolean file;

    ExportFormat(boolean file) {
        this.file = file;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for formats a top-N export file can be written in (the others need a receiver's settings). */
    public boolean forFiles() {
        return file;
    }

    /** The format named {@code name} (case-insensitive), or null. */
    public static ExportFormat byId(String name) {
        for (ExportFormat f : values()) {
            if (f.id().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** The names of all formats, for messages. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ExportFormat::id).toList();
    }

    /** The names of the file formats, comma-separated, for messages and help. */
    public static String fileIds() {
        return Arrays.stream(values()).filter(ExportFormat::forFiles).map(ExportFormat::id).collect(Collectors.joining(", "));
    }
}
