package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsolationForestCodecTest {
    private static final IsolationForestFactory FACTORY = new IsolationForestFactory();
    private static final Matrix X = TestData.gaussian(17, 2000, 3);

    private static IsolationForest model(boolean linked) {
        IsolationForestTrainer trainer = new IsolationForestTrainer(
                IsolationForestParams.DEFAULTS.withNEstimators(25).withMaxSamples(MaxSamples.count(64)), 4);
        return (linked ? trainer.withLinkedLayout() : trainer).fit(X, null, 2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripGivesIdenticalScoresAndBytes(boolean linked) {
        IsolationForest original = model(linked);
        byte[] bytes = FACTORY.encode(original);
        IsolationForest decoded = FACTORY.decode(bytes, "detector.bin");

        assertThat(decoded.featureCount()).isEqualTo(3);
        assertThat(decoded.trees()).isEqualTo(25);
        assertThat(decoded.samplesPerTree()).isEqualTo(64);
        assertThat(decoded.provenance()).isEqualTo(original.provenance());
        double[] a = new double[X.rows()];
        double[] b = new double[X.rows()];
        original.score(X, a, 2);
        decoded.score(X, b, 1);
        assertThat(b).isEqualTo(a);
        assertThat(FACTORY.encode(decoded)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyTruncationIsRejected(boolean linked) {
        byte[] bytes = FACTORY.encode(model(linked));
        for (int len = 0; len < bytes.length; len += Math.max(1, len / 7)) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> FACTORY.decode(cut, "models/detector.bin"))
                    .as("truncated to %d of %d bytes", len, bytes.length)
                    .isInstanceOf(InputException.class)
                    .hasMessageStartingWith("models/detector.bin: corrupt bundle part");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void flippedBytesAreRejected(long seed) {
        byte[] bytes = FACTORY.encode(model(seed == 2));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 200; trial++) {
            byte[] damaged = bytes.clone();
            int at = rnd.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 << rnd.nextInt(8));
            assertThatThrownBy(() -> FACTORY.decode(damaged, "detector.bin"))
                    .as("bit flipped in byte %d", at)
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("detector.bin");
        }
    }

    @Test
    void trailingBytesAndForeignPartsAreRejected() {
        byte[] bytes = FACTORY.encode(model(false));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> FACTORY.decode(longer, "p")).isInstanceOf(InputException.class);
        byte[] foreign = new BinaryWriter("SRXX", 1).writeInt(3).toByteArray();
        assertThatThrownBy(() -> FACTORY.decode(foreign, "p"))
                .isInstanceOf(InputException.class).hasMessageContaining("expected a 'SRIF' part");
        byte[] future = bytes.clone();
        future[7] = 9; // version 9
        assertThatThrownBy(() -> FACTORY.decode(future, "p"))
                .isInstanceOf(InputException.class).hasMessageContaining("version 9");
    }

    /**
     * Content that passes the checksum but breaks an invariant the scorer relies on: the codec
     * must catch it rather than score wrongly, index out of bounds or loop forever.
     */
    @Test
    void structurallyInvalidPartsWithAValidChecksumAreRejected() {
        CompleteForest c = (CompleteForest) model(false).forest();
        int[] badFeature = c.feature().clone();
        badFeature[5] = 3; // only features 0..2 exist
        assertInvalid(complete(3, c.depth(), badFeature, c.threshold(), c.leaf()), "feature 3");
        double[] nanThreshold = c.threshold().clone();
        nanThreshold[0] = Double.NaN;
        assertInvalid(complete(3, c.depth(), c.feature(), nanThreshold, c.leaf()), "threshold NaN");
        double[] badLeaf = c.leaf().clone();
        badLeaf[1] = 1e9;
        assertInvalid(complete(3, c.depth(), c.feature(), c.threshold(), badLeaf), "path length");
        assertInvalid(complete(3, c.depth() + 1, c.feature(), c.threshold(), c.leaf()), "tree depth");
        assertInvalid(complete(3, c.depth(), Arrays.copyOf(c.feature(), 10), c.threshold(), c.leaf()), "array lengths");

        LinkedForest l = (LinkedForest) model(true).forest();
        int[] cycle = l.left().clone();
        int split = firstSplit(l);
        cycle[split] = split; // a link back to itself would make the walk endless
        assertInvalid(linked(l.root(), l.feature(), cycle, l.value()), "link");
        int[] outside = l.left().clone();
        outside[split] = l.root()[1]; // into the next tree
        assertInvalid(linked(l.root(), l.feature(), outside, l.value()), "link");
        int[] roots = l.root().clone();
        roots[2] = roots[1];
        assertInvalid(linked(roots, l.feature(), l.left(), l.value()), "root");
    }

    private static int firstSplit(LinkedForest l) {
        for (int n = 0; n < l.feature().length; n++) {
            if (l.feature()[n] >= 0) {
                return n;
            }
        }
        throw new AssertionError("no split");
    }

    private static void assertInvalid(byte[] part, String what) {
        assertThatThrownBy(() -> FACTORY.decode(part, "detector.bin"))
                .as(what)
                .isInstanceOf(InputException.class)
                .hasMessageContaining("detector.bin: corrupt bundle part: invalid isolation forest");
    }

    private static BinaryWriter header() {
        return new BinaryWriter("SRIF", 1)
                .writeInt(3).writeInt(64).writeInt(25)
                .writeInt(2000).writeInt(3).writeInt(0).writeLong(4);
    }

    private static byte[] complete(int features, int depth, int[] feature, double[] threshold, double[] leaf) {
        return withCrc(header().writeInt(1).writeInt(depth)
                .writeInts(feature).writeDoubles(threshold).writeDoubles(leaf));
    }

    private static byte[] linked(int[] root, int[] feature, int[] left, double[] value) {
        return withCrc(header().writeInt(2).writeInts(root).writeInts(feature).writeInts(left).writeDoubles(value));
    }

    private static byte[] withCrc(BinaryWriter w) {
        CRC32 crc = new CRC32();
        crc.update(w.toByteArray());
        byte[] out = w.writeLong(crc.getValue()).toByteArray();
        // sanity: the checksum is the last 8 bytes
        assertThat(ByteBuffer.wrap(out, out.length - 8, 8).getLong()).isEqualTo(crc.getValue());
        return out;
    }
}
