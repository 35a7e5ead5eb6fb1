package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed manifest: the bytes an older build wrote bind and write back identically; bad fields are located. */
class ManifestTest {
    private static final String WHERE = "m.srb!manifest.json";

    private static byte[] legacyManifest() throws Exception {
        return Files.readAllBytes(Path.of(resource("legacy-v1/entries/manifest.json")));
    }

    private static java.net.URI resource(String name) throws URISyntaxException {
        return ManifestTest.class.getResource(name).toURI();
    }

    private static Manifest parse(String json) {
        return Manifest.bind(Manifest.tree(json.getBytes(StandardCharsets.UTF_8), WHERE), WHERE);
    }

    @Test
    void aManifestWrittenByTheOlderMapBasedCodeBindsAndWritesBackByteForByte() throws Exception {
        byte[] old = legacyManifest();
        Manifest m = Manifest.bind(Manifest.tree(old, WHERE), WHERE);
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.detector()).isEqualTo(new Manifest.DetectorRef("iforest", "model/iforest.bin"));
        assertThat(m.featurePlan()).isNull();
        assertThat(m.thresholds().scoreFloor()).isNull();
        assertThat(m.parts()).containsOnlyKeys("preparation.json", "calibration.json", "explainer.json", "model/iforest.bin");
        assertThat(m.parts().get("model/iforest.bin").bytes()).isEqualTo(510_868L);
        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).isEqualTo(new String(old, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownFieldIsRefusedAndNamed() throws Exception {
        String json = new String(legacyManifest(), StandardCharsets.UTF_8).replace("\"format_version\"", "\"extra\" : 1,\n  \"format_version\"");
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InputException.class)
                .hasMessageContaining(WHERE).hasMessageContaining("corrupt bundle manifest").hasMessageContaining("extra");
    }

    @Test
    void aMissingFieldIsRefusedAndNamed() throws Exception {
        String json = new String(legacyManifest(), StandardCharsets.UTF_8).replaceFirst("\"created_at\" : \"[^\"]*\",", "");
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InputException.class)
                .hasMessageContaining(WHERE).hasMessageContaining("created_at");
    }

    @Test
    void aPartSizeMustBeAWholeNonNegativeNumber() throws Exception {
        String legacy = new String(legacyManifest(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parse(legacy.replace("\"bytes\" : 4917", "\"bytes\" : 4917.5")))
                .isInstanceOf(InputException.class).hasMessageContaining(WHERE).hasMessageContaining("bytes");
        assertThatThrownBy(() -> parse(legacy.replace("\"bytes\" : 4917", "\"bytes\" : -1")))
                .isInstanceOf(InputException.class).hasMessageContaining("whole number of bytes");
        assertThat(parse(legacy.replace(",\n      \"bytes\" : 4917", "")).parts().get("preparation.json").bytes()).isNull();
    }

    @Test
    void notJsonIsALocatedError() {
        assertThatThrownBy(() -> parse("{ nope")).isInstanceOf(InputException.class)
                .hasMessageContaining(WHERE).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(InputException.class).hasMessageContaining("expected a JSON object");
    }
}
