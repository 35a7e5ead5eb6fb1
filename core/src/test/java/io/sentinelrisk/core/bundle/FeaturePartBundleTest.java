package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.FeaturePart;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feature plan part of a bundle (format 2), and format-1 bundles made before it. */
class FeaturePartBundleTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final FeaturePart PART = new FeaturePart("pack:test", "name: test\nentity: user\n", List.of("y"),
            Map.of("entity", List.of("user"), "entity_ttl_ms", 3_600_000));

    @TempDir
    Path dir;

    private static Pipeline fit() {
        return SmallForests.fit(10, Frames.gaussianWithOutliers(400, 4, 1));
    }

    @Test
    void theFeaturePlanRoundTripsAsAChecksummedPart() throws Exception {
        Path file = dir.resolve("f.srb");
        Bundles.write(fit().withFeatures(PART), file, CREATED);
        Pipeline back = Bundles.read(file);
        assertThat(back.features()).contains(PART);
        assertThat(back.inputSchema().names()).doesNotContain("y").contains("x");
        assertThat(Bundles.entryNames(file)).contains("features.json");
        Manifest manifest = Bundles.manifest(file);
        assertThat(manifest.formatVersion()).isEqualTo(2);
        assertThat(manifest.featurePlan()).isEqualTo(new Manifest.FeaturePlanRef("features.json", "pack:test", List.of("y")));

        Path tampered = dir.resolve("tampered.srb");
        BundlesTest.rewrite(file, tampered, "features.json", b -> new String(b, StandardCharsets.UTF_8)
                .replace("entity: user", "entity: host").getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(() -> Bundles.read(tampered)).isInstanceOf(InputException.class)
                .hasMessageContaining("tampered.srb").hasMessageContaining("part features.json does not match its checksum");
    }

    @Test
    void withoutFeaturesTheBundleStaysFormatOne() throws Exception {
        Path file = dir.resolve("plain.srb");
        Bundles.write(fit(), file, CREATED);
        assertThat(Bundles.manifest(file).formatVersion()).isEqualTo(1);
        assertThat(Bundles.manifest(file).featurePlan()).isNull();
        assertThat(Bundles.read(file).features()).isEmpty();
        assertThat(Bundles.entryNames(file)).doesNotContain("features.json");
    }

    @Test
    void aFeatureColumnTheSchemaLacksIsRefused() {
        Pipeline p = fit();
        FeaturePart wrong = new FeaturePart("pack:test", "x", List.of("nope"), Map.of());
        assertThatThrownBy(() -> p.withFeatures(wrong)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    /** A bundle written by the code before the feature part (legacy-v1/README.md) loads and scores as it did. */
    @Test
    void aFormatOneBundleOfTheOldCodeLoadsAndScoresAsItDid() throws Exception {
        Path fixture = LegacyBundles.fixture("legacy-v1");
        Pipeline p = Bundles.read(LegacyBundles.zipEntries(fixture, dir.resolve("legacy-iforest.srb")));
        assertThat(p.features()).isEmpty();
        assertThat(p.inputSchema()).isEqualTo(p.schema());
        Dataset d = DatasetLoader.load(fixture.resolve("soc.csv"), p.config(), null, false, p.schema());
        Frame frame = d.frame();
        ScoredBatch s = p.score(frame, "soc.csv", 2);
        LegacyBundles.assertScoresAsTheOldCode(s, frame.rows(), fixture);
    }
}
