package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The typed stored forms read the parts an older, map-based build wrote (legacy-v1) and write
 * them back byte for byte; a malformed part is refused naming the part and the field.
 */
class PartFormsTest {
    private static byte[] legacy(String part) throws Exception {
        return Files.readAllBytes(Path.of(PartFormsTest.class.getResource("legacy-v1/entries/" + part).toURI()));
    }

    private static byte[] roundTrip(String part, byte[] bytes) {
        return switch (part) {
            case "preparation.json" -> PipelineCodec.preparation(PipelineCodec.preparation(bytes, part));
            case "calibration.json" -> PipelineCodec.calibration(PipelineCodec.calibration(bytes, part));
            case "explainer.json" -> PipelineCodec.explainer(PipelineCodec.explainer(bytes, part));
            default -> throw new IllegalArgumentException(part);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"preparation.json", "calibration.json", "explainer.json"})
    void partsOfAnOlderBuildReadAndWriteBackByteForByte(String part) throws Exception {
        byte[] old = legacy(part);
        String back = new String(roundTrip(part, old), StandardCharsets.UTF_8);
        // That build predates the bucket share of frequency encodings: it is written now, as 0.
        String withoutBucketShare = back.replaceAll(",\n *\"other\" : 0\\.0\n", "\n");
        assertThat(withoutBucketShare).isEqualTo(new String(old, StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownColumnFormIsRefusedNamingThePartAndTheField() throws Exception {
        String prep = new String(legacy("preparation.json"), StandardCharsets.UTF_8).replaceFirst("\"kind\" : \"numeric\"", "\"kind\" : \"magic\"");
        assertThatThrownBy(() -> PipelineCodec.preparation(prep.getBytes(StandardCharsets.UTF_8), "m.srb!preparation.json"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("m.srb!preparation.json: corrupt bundle part: at columns[")
                .hasMessageContaining("magic");
    }

    @Test
    void aMissingOrMistypedFieldIsRefused() throws Exception {
        String cal = new String(legacy("calibration.json"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PipelineCodec.calibration(cal.replaceFirst("\"high_at\" : [^,]*,", "").getBytes(StandardCharsets.UTF_8), "c"))
                .isInstanceOf(InputException.class).hasMessageContaining("high_at");
        assertThatThrownBy(() -> PipelineCodec.calibration(cal.replaceFirst("\"high_at\" : [^,]*,", "\"high_at\" : \"x\",")
                .getBytes(StandardCharsets.UTF_8), "c")).isInstanceOf(InputException.class).hasMessageContaining("at high_at");
    }
}
