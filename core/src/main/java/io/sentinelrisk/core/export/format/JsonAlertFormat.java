package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;

import java.time.Instant;

/** The alert as is, the product's own shape (docs/outputs.md, docs/schemas/alert.schema.json). */
public record JsonAlertFormat() implements AlertFormat {
    @Override
    public String render(Alert alert, Instant now) {
        return Json.line(alert);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.JSON;
    }
}
