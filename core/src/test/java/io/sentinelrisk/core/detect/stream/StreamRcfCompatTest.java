package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinelrisk.core.data.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parts of older stored forms of {@code model/stream_rcf.bin} (resources stream_rcf/, written by
 * the releases that wrote them) still read and continue their stream with exactly the scores
 * their release gave, also after being written again in the current form.
 */
class StreamRcfCompatTest {

    /** A stored part and the rows after its training stream with the scores its release gave them. */
    record Stored(byte[] bytes, double[] values, double[] scores) {
        static Stored load(String name) throws IOException {
            byte[] bytes;
            List<String> lines;
            try (InputStream in = StreamRcfCompatTest.class.getResourceAsStream("/stream_rcf/" + name + ".bin");
                 InputStream csv = StreamRcfCompatTest.class.getResourceAsStream("/stream_rcf/" + name + "-scores.csv")) {
                bytes = in.readAllBytes();
                lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            }
            double[] x = new double[lines.size()];
            double[] s = new double[lines.size()];
            for (int i = 0; i < x.length; i++) {
                String[] f = lines.get(i).split(",");
                x[i] = Double.parseDouble(f[0]);
                s[i] = Double.parseDouble(f[1]);
            }
            return new Stored(bytes, x, s);
        }

        int version() {
            return bytes[7];   // the int after the four-byte magic
        }

        StreamRcfModel model() {
            return (StreamRcfModel) new StreamRcfFactory().decode(bytes, "model/stream_rcf.bin");
        }
    }

    static double[] scores(StreamRcfModel m, double[] x) {
        double[] got = new double[x.length];
        m.score(new Matrix(x.length, 1, x), got, 1);
        return got;
    }

    /** Read, it scores as its release did; written again (current form) and read back, still. */
    static void assertScoresAsItsRelease(Stored stored) {
        StreamRcfModel m = stored.model();
        assertThat(scores(m, stored.values())).containsExactly(stored.scores());
        StreamRcfModel again = (StreamRcfModel) new StreamRcfFactory().decode(new StreamRcfFactory().encode(m),
                "model/stream_rcf.bin");
        assertThat(scores(again, stored.values())).containsExactly(stored.scores());
    }

    @Test
    void versionOnePartReadsAndScoresAsItsReleaseDid() throws IOException {
        Stored v1 = Stored.load("stream_rcf-v1");
        assertThat(v1.version()).isEqualTo(1);
        StreamRcfModel m = v1.model();
        assertThat(m.params()).isEqualTo(new StreamRcfParams(4, 10, 32, 0.001, 0, 100, true, 10, 200));
        assertThat(m.params().spatialTolerance()).isZero();
        assertThat(m.params().quietRows()).isZero();
        assertScoresAsItsRelease(v1);
    }

    /**
     * Version 3 (spatial rule, quiet period, seasonal recall): its quiet period also held spatial
     * alarms, so the second spike beyond the range, inside the quiet period after the first,
     * scored the warning level (0.3) there; the current form reports it (1).
     */
    @Test
    void versionThreePartKeepsItsQuietPeriodOverSpatialAlarms() throws IOException {
        Stored v3 = Stored.load("stream_rcf-v3");
        assertThat(v3.version()).isEqualTo(3);
        StreamRcfParams p = v3.model().params();
        assertThat(p).isEqualTo(new StreamRcfParams(4, 10, 32, 0.001, 0, 100, true, 10, 200, 0.1, 100, 40));
        int first = 150;   // the rows after training: a spike to 20 at 150, one to 40 at 180
        int second = 180;
        assertThat(v3.values()[first]).isEqualTo(20);
        assertThat(v3.values()[second]).isEqualTo(40);
        assertThat(v3.scores()[first]).isEqualTo(1);
        assertThat(v3.scores()[second]).isLessThan(0.5);
        assertScoresAsItsRelease(v3);

        // the same training rows fitted now: the second spike is an alarm through the quiet period
        double[] train = new double[300];
        StreamRcfModel now = (StreamRcfModel) StreamRcfFactory.trainer(p, 42)
                .fit(new Matrix(train.length, 1, regenerate(train)), null, 1);
        double[] fresh = scores(now, v3.values());
        assertThat(fresh[first]).isEqualTo(1);
        assertThat(fresh[second]).isEqualTo(1);
        assertThat(Arrays.copyOf(fresh, second)).containsExactly(Arrays.copyOf(v3.scores(), second));
    }

    /** The training rows of the version 3 resource: a noisy sine of period 40 around 10, seed 11. */
    private static double[] regenerate(double[] x) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 + 3 * Math.sin(2 * Math.PI * i / 40) + 0.2 * r.nextGaussian();
        }
        return x;
    }
}
