package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.prepare.Preparation;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineCodecTest {
    @Test
    void theBucketShareOfAFrequencyEncodingRoundTripsAndIsZeroInOlderBundles() {
        Preparation p = new Preparation(List.of(new ColumnPrep.Frequency("c", Map.of("a", 0.9), "a", 0.0004)),
                new double[] {0}, new double[] {1});
        Map<String, Object> json = Json.readObject(Json.bytes(PipelineCodec.preparation(p)), "preparation.json");
        Preparation back = PipelineCodec.preparation(json, "preparation.json");
        assertThat(((ColumnPrep.Frequency) back.columns().get(0)).other()).isEqualTo(0.0004);

        @SuppressWarnings("unchecked")
        Map<String, Object> column = new LinkedHashMap<>(((List<Map<String, Object>>) json.get("columns")).get(0));
        column.remove("other");   // as written before high-cardinality bucketing
        Map<String, Object> old = new LinkedHashMap<>(json);
        old.put("columns", List.of(column));
        assertThat(((ColumnPrep.Frequency) PipelineCodec.preparation(old, "preparation.json").columns().get(0)).other()).isZero();
    }
}
