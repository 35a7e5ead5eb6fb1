package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.pipeline.Pipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundlePrefetchTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    static Path dir;

    private static Path bundle;
    private static Path other;

    @BeforeAll
    static void trainTwoBundles() throws Exception {
        StringBuilder csv = new StringBuilder("a,b\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            csv.append(r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
        }
        Path data = Files.writeString(dir.resolve("data.csv"), csv);
        bundle = dir.resolve("one.srb");
        other = dir.resolve("two.srb");
        assertThat(SentinelCommand.run("train", "-i", data.toString(), "-m", bundle.toString(), "--n-estimators", "10")).isZero();
        assertThat(SentinelCommand.run("train", "-i", data.toString(), "-m", other.toString(), "--n-estimators", "12")).isZero();
    }

    @AfterEach
    void forget() {
        BundlePrefetch.clear();
    }

    @Test
    void theModelOptionIsFoundAsPicocliWouldReadIt() {
        assertThat(BundlePrefetch.modelPath(new String[] {"score", "-i", "x.csv", "-m", "a.srb"})).isEqualTo(Path.of("a.srb"));
        assertThat(BundlePrefetch.modelPath(new String[] {"score", "--model", "b.srb", "-i", "x.csv"})).isEqualTo(Path.of("b.srb"));
        assertThat(BundlePrefetch.modelPath(new String[] {"predict", "--model=c.srb"})).isEqualTo(Path.of("c.srb"));
        assertThat(BundlePrefetch.modelPath(new String[] {"score", "-i", "x.csv"})).isNull();
        assertThat(BundlePrefetch.modelPath(new String[] {"score", "-m"})).isNull();
        assertThat(BundlePrefetch.modelPath(new String[] {"score", "--", "-m", "d.srb"})).isNull();
        assertThat(BundlePrefetch.modelPath(new String[] {"train", "--model-out", "e.srb"})).isNull();
    }

    @Test
    void theBundleReadAheadIsTheBundleReadNow() {
        BundlePrefetch.start("score", new String[] {"score", "-m", bundle.toString()});
        Pipeline ahead = BundlePrefetch.read(bundle);
        assertThat(Bundles.toBytes(ahead, CREATED)).isEqualTo(Bundles.toBytes(Bundles.read(bundle), CREATED));
    }

    @Test
    void anotherPathIsReadItself() {
        BundlePrefetch.start("predict", new String[] {"predict", "--model", bundle.toString()});
        Pipeline read = BundlePrefetch.read(other);
        assertThat(Bundles.toBytes(read, CREATED)).isEqualTo(Bundles.toBytes(Bundles.read(other), CREATED))
                .isNotEqualTo(Bundles.toBytes(Bundles.read(bundle), CREATED));
    }

    @Test
    void onlyScoreAndPredictReadAhead() {
        for (String command : new String[] {"train", "evaluate", "drift"}) {
            BundlePrefetch.start(command, new String[] {command, "-m", bundle.toString()});
            assertThat(BundlePrefetch.readingAhead()).as(command).isNull();
        }
        BundlePrefetch.start("score", new String[] {"score", "-m", bundle.toString()});
        assertThat(BundlePrefetch.readingAhead()).isEqualTo(bundle);
        BundlePrefetch.start("score", new String[] {"score", "-m", dir.resolve("missing.srb").toString()});
        assertThat(BundlePrefetch.readingAhead()).as("not a regular file").isNull();
    }

    @Test
    void aBadBundleGivesTheErrorItGivesWithoutTheReadAhead() throws Exception {
        byte[] bytes = Files.readAllBytes(bundle);
        Path bad = Files.write(dir.resolve("bad.srb"), Arrays.copyOf(bytes, bytes.length / 2));
        String expected = null;
        try {
            Bundles.read(bad);
        } catch (InputException e) {
            expected = e.getMessage();
        }
        assertThat(expected).isNotNull();
        BundlePrefetch.start("score", new String[] {"score", "-m", bad.toString()});
        assertThatThrownBy(() -> BundlePrefetch.read(bad)).isInstanceOf(InputException.class).hasMessage(expected);
    }
}
