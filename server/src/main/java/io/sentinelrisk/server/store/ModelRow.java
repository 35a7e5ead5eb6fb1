package io.sentinelrisk.server.store;

/**
 * A registered model (without its bytes).
 *
 * @param origin   how it came: {@code file} (serve --model), {@code upload} or {@code retrain}
 * @param report   the retrain report as JSON, or null
 * @param source   the source it was registered for (docs/server.md#sources); it may be promoted for others too
 */
public record ModelRow(String version, String sha256, String origin, String detector, long createdAt, long sizeBytes,
                       String report, String source) {
}
