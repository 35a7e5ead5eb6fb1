package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.mapping.ScoreFacts;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The business mapping part of a bundle (format 3): kept as the file's text, checksummed, read back through the same reader. */
class MappingPartBundleTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final String MAPPING = """
            # planted rows sit at x, y = ±8
            categories:
              - name: far_out
                when: "abs(x) > 5 and abs(y) > 5"
                risk_level: critical
                estimated_cost: 1200
                currency: EUR
                sla_minutes: 20
                recommended_action: Call the owner.
                escalation: [tier1, tier2]
                narrative: "Far out at x={x}, y={y} in {country}"
            """;

    @TempDir
    Path dir;

    private static final Frame DATA = Frames.gaussianWithOutliers(400, 4, 1);

    private static Pipeline fit() {
        return SmallForests.fit(10, DATA);
    }

    private static List<Business> businessOf(Pipeline p) {
        ScoredBatch s = p.score(DATA, "t", 1);
        FrameMapper m = p.mapping().orElseThrow().bind(DATA);
        return java.util.stream.IntStream.range(0, DATA.rows()).mapToObj(r -> m.business(r,
                new ScoreFacts(s.score()[r], s.risk()[r], s.severity()[r], s.isAnomaly()[r], null),
                () -> p.explain(DATA, r, 3))).toList();
    }

    @Test
    void theMappingRoundTripsAsAChecksummedPartAndMapsTheSame() throws Exception {
        Pipeline p = fit().withMapping(BusinessMapping.parse(MAPPING, "far.yaml", "far.yaml"));
        Path file = dir.resolve("m.srb");
        Bundles.write(p, file, CREATED);
        Pipeline back = Bundles.read(file);
        assertThat(back.mapping()).isPresent();
        assertThat(back.mapping().get().mapping().source()).isEqualTo(MAPPING);
        assertThat(back.mapping().get().mapping().origin()).isEqualTo("far.yaml");
        assertThat(Bundles.entryNames(file)).contains("mapping.json");
        Manifest manifest = Bundles.manifest(file);
        assertThat(manifest.formatVersion()).isEqualTo(3);
        assertThat(manifest.mapping()).isEqualTo(new Manifest.MappingRef("mapping.json", "far.yaml", List.of("far_out")));

        List<Business> before = businessOf(p);
        assertThat(businessOf(back)).isEqualTo(before);
        Business first = before.get(0);   // a planted row
        assertThat(first.category()).isEqualTo("far_out");
        assertThat(first.narrative()).startsWith("Far out at x=").contains(" in KP. Risk: CRITICAL | Est. Cost: €1,200 | SLA: 20 min");
        assertThat(before.stream().filter(b -> b.category().equals("far_out")).count()).isEqualTo(4);

        // same pipeline and created-at: the same bytes
        assertThat(Bundles.toBytes(back, CREATED)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void aTamperedMappingIsRefused() throws Exception {
        Path file = dir.resolve("m.srb");
        Bundles.write(fit().withMapping(BusinessMapping.parse(MAPPING, "far.yaml", "far.yaml")), file, CREATED);
        Path tampered = dir.resolve("tampered.srb");
        BundlesTest.rewrite(file, tampered, "mapping.json", b -> new String(b, StandardCharsets.UTF_8)
                .replace("1200", "1201").getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(() -> Bundles.read(tampered)).isInstanceOf(InputException.class)
                .hasMessageContaining("tampered.srb").hasMessageContaining("part mapping.json does not match its checksum");
    }

    @Test
    void withoutAMappingTheBundleFormatIsUnchanged() throws Exception {
        Path file = dir.resolve("plain.srb");
        Bundles.write(fit(), file, CREATED);
        assertThat(Bundles.manifest(file).formatVersion()).isEqualTo(1);
        assertThat(Bundles.manifest(file).mapping()).isNull();
        assertThat(Bundles.read(file).mapping()).isEmpty();
    }

    @Test
    void aMappingThatReadsAColumnTheModelLacksIsALocatedErrorWhenAttached() {
        Pipeline p = fit();
        BusinessMapping wrong = BusinessMapping.parse("categories:\n  - {name: a, when: \"z > 1\", recommended_action: x}\n",
                "bad.yaml", "bad.yaml");
        assertThatThrownBy(() -> p.withMapping(wrong)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("bad.yaml:2:").hasMessageContaining("unknown field 'z'");
    }
}
