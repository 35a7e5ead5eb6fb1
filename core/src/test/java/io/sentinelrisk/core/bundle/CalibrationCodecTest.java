package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary calibration part ({@code calibration.bin}) holds exactly what the JSON part of older
 * bundles held, and a bundle of either kind scores the same; damaged parts are refused by name.
 */
class CalibrationCodecTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static Pipeline fit() {
        return SmallForests.fit(30, Frames.gaussianWithOutliers(3000, 30, 5));
    }

    @Test
    void binaryAndJsonFormsHoldTheSameCalibrationBitForBit() {
        Calibration fitted = fit().calibration();
        Calibration binary = CalibrationCodec.decode(CalibrationCodec.encode(fitted), "c.bin");
        Calibration json = PipelineCodec.calibration(PipelineCodec.calibration(fitted), "c.json");
        assertThat(binary).isEqualTo(fitted).isEqualTo(json);
        assertThat(fitted.grid().length).isGreaterThan(1000);
        Calibration withFloor = new Calibration(new double[] {-0.0, 1e-300, 0.25, 0.25, 7}, 6, 5, 1, 0.5, 0.1);
        assertThat(CalibrationCodec.decode(CalibrationCodec.encode(withFloor), "c.bin")).isEqualTo(withFloor);
    }

    @Test
    void aBundleAsOlderReleasesWroteItWithCalibrationJsonScoresTheSame() throws Exception {
        Pipeline p = fit();
        Path binary = dir.resolve("new.srb");
        Bundles.write(p, binary, CREATED);
        assertThat(Bundles.entryNames(binary)).contains("calibration.bin").doesNotContain("calibration.json");
        Path json = dir.resolve("old.srb");
        withJsonCalibration(binary, json, PipelineCodec.calibration(p.calibration()));
        assertThat(Bundles.entryNames(json)).contains("calibration.json").doesNotContain("calibration.bin");

        Frame frame = Frames.gaussianWithOutliers(2000, 20, 11);
        ScoredBatch a = Bundles.read(binary).score(frame, "x", 1);
        ScoredBatch b = Bundles.read(json).score(frame, "x", 1);
        assertThat(b.score()).containsExactly(a.score());
        assertThat(b.risk()).containsExactly(a.risk());
        assertThat(b.severity()).containsExactly(a.severity());
        assertThat(b.isAnomaly()).containsExactly(a.isAnomaly());
        assertThat(Bundles.read(json).calibration()).isEqualTo(Bundles.read(binary).calibration());
    }

    @Test
    void damagedPartsAreRefusedNamingThePart() {
        byte[] good = CalibrationCodec.encode(fit().calibration());
        assertRefused(java.util.Arrays.copyOf(good, good.length - 3), "truncated");
        assertRefused(java.util.Arrays.copyOf(good, good.length + 8), "trailing");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRefused(magic, "expected a 'SRCA' part");
        byte[] newer = good.clone();
        ByteBuffer.wrap(newer).putInt(4, 2);
        assertRefused(newer, "format version 2 is not supported");
        byte[] nanThreshold = good.clone();
        ByteBuffer.wrap(nanThreshold).putDouble(8 + 8, Double.NaN);
        assertRefused(nanThreshold, "high_at is not a number");
        byte[] unsorted = good.clone();
        ByteBuffer.wrap(unsorted).putDouble(8 + 5 * 8 + 4, 1e9);   // the grid's first value
        assertRefused(unsorted, "not sorted");
        byte[] empty = new io.sentinelrisk.core.codec.BinaryWriter(CalibrationCodec.MAGIC, 1)
                .writeDouble(1).writeDouble(1).writeDouble(1).writeDouble(1).writeDouble(Double.NaN).writeDoubles(new double[0])
                .toByteArray();
        assertRefused(empty, "empty calibration grid");
    }

    @Test
    void aBundleWithBothFormsIsRefused() throws Exception {
        Pipeline p = fit();
        Path binary = dir.resolve("new.srb");
        Bundles.write(p, binary, CREATED);
        byte[] json = PipelineCodec.calibration(p.calibration());
        Path step = dir.resolve("both.tmp");
        BundlesTest.rewrite(binary, step, "manifest.json", manifest -> listed(manifest, json, true), true);
        Path both = dir.resolve("both.srb");
        BundlesTest.rewrite(step, both, "calibration.json", absent -> json, false);
        assertThatThrownBy(() -> Bundles.read(both)).isInstanceOf(InputException.class)
                .hasMessage(both + ": inconsistent bundle: it holds both calibration.bin and calibration.json");
    }

    private static void assertRefused(byte[] part, String message) {
        assertThatThrownBy(() -> CalibrationCodec.decode(part, "m.srb!calibration.bin")).isInstanceOf(InputException.class)
                .hasMessageStartingWith("m.srb!calibration.bin: corrupt bundle part").hasMessageContaining(message);
    }

    /** The bundle as an older release wrote it: calibration.json in place of calibration.bin, listed so in the manifest. */
    private static void withJsonCalibration(Path from, Path to, byte[] json) throws Exception {
        Path step = to.resolveSibling(to.getFileName() + ".tmp");
        BundlesTest.rewrite(from, step, "manifest.json", manifest -> listed(manifest, json, false), true);
        BundlesTest.renameEntry(step, to, "calibration.bin", "calibration.json", json);
    }

    /** The manifest with {@code json} listed as calibration.json, after (or instead of) calibration.bin. */
    private static byte[] listed(byte[] manifest, byte[] json, boolean keepBinary) {
        String text = new String(manifest, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"calibration\\.bin\" : \\{\\s*\"sha256\" : \"[0-9a-f]+\",\\s*\"bytes\" : \\d+\\s*}")
                .matcher(text);
        assertThat(m.find()).isTrue();
        String listing = "\"calibration.json\" : {\n      \"sha256\" : \"" + Bundles.sha256(json) + "\",\n      \"bytes\" : "
                + json.length + "\n    }";
        String replacement = keepBinary ? m.group() + ",\n    " + listing : listing;
        return (text.substring(0, m.start()) + replacement + text.substring(m.end())).getBytes(StandardCharsets.UTF_8);
    }
}
