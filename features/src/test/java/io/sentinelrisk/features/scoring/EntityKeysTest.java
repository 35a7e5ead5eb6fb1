package io.sentinelrisk.features.scoring;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.stream.EntityStateCodec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FeatureStage#entityKeys} names the keys the engine keeps state under, and a stage whose
 * entities are restored one by one (encodeEntity/decodeEntity, as a store keeping each entity
 * apart does) continues exactly like one that saw every event.
 */
class EntityKeysTest {
    private static final SentinelConfig CFG = ScoringData.config("iforest", 1);

    @ParameterizedTest
    @ValueSource(longs = {5, 23})
    void keysAreTheEnginesAndPerEntityRestoreContinuesExactly(long seed, @TempDir Path dir) {
        Path[] files = ScoringData.split(dir, seed, 600, 0.5);
        Dataset first = ScoringData.load(files[0], CFG, null);
        Dataset second = ScoringData.load(files[1], CFG, first.frame().schema());

        FeatureStage a = FeatureStage.of(FeatureStage.compile("pack:soc"));
        Set<String> keys = new LinkedHashSet<>(a.entityKeys(first.frame()));
        a.enrich(first.frame(), first.lineNumbers(), "first");
        assertThat(a.engine().states().keySet()).containsExactlyInAnyOrderElementsOf(keys);

        // restore only the entities the second part touches, one by one
        FeatureStage b = FeatureStage.of(a.part());
        assertThat(b.planId()).isEqualTo(a.planId());
        for (String key : new LinkedHashSet<>(b.entityKeys(second.frame()))) {
            var st = a.engine().states().get(key);
            if (st != null) {
                b.engine().putState(key, EntityStateCodec.decodeEntity(EntityStateCodec.encodeEntity(st), b.engine(), key));
            }
        }
        Frame expected = a.enrich(second.frame(), second.lineNumbers(), "second");
        Frame got = b.enrich(second.frame(), second.lineNumbers(), "second");
        for (String f : a.featureColumns()) {
            assertThat(((io.sentinelrisk.core.data.Column.Numeric) got.column(f)).values()).as(f)
                    .containsExactly(((io.sentinelrisk.core.data.Column.Numeric) expected.column(f)).values());
        }
        // forgetting an entity drops its state
        String one = keys.iterator().next();
        a.engine().removeState(one);
        assertThat(a.engine().states()).doesNotContainKey(one);
    }
}
