package io.sentinelrisk.core.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link LabelledMetrics} as an ordered map, for the training summary that the bundle stores as
 * free-form JSON (its reader gets maps back, so the in-memory summary holds maps too).
 */
public final class MetricsReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetricsReport() {
    }

    public static Map<String, Object> of(double[] scores, boolean[] predicted, int[] labels) {
        return MAPPER.convertValue(LabelledMetrics.of(scores, predicted, labels), new TypeReference<LinkedHashMap<String, Object>>() { });
    }
}
