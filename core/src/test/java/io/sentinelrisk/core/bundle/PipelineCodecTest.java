package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.prepare.ColumnPrep;
import io.sentinelrisk.core.prepare.Preparation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineCodecTest {
    @Test
    void theBucketShareOfAFrequencyEncodingRoundTripsAndIsZeroInOlderBundles() {
        Preparation p = new Preparation(List.of(new ColumnPrep.Frequency("c", Map.of("a", 0.9), "a", 0.0004)),
                new double[] {0}, new double[] {1});
        byte[] json = PipelineCodec.preparation(p);
        Preparation back = PipelineCodec.preparation(json, "preparation.json");
        assertThat(((ColumnPrep.Frequency) back.columns().get(0)).other()).isEqualTo(0.0004);

        // as written before high-cardinality bucketing: no "other"
        String old = new String(json, StandardCharsets.UTF_8).replaceFirst(",\\s*\"other\" : [0-9.eE-]+", "");
        assertThat(old).doesNotContain("other");
        Preparation fromOld = PipelineCodec.preparation(old.getBytes(StandardCharsets.UTF_8), "preparation.json");
        assertThat(((ColumnPrep.Frequency) fromOld.columns().get(0)).other()).isZero();
    }
}
