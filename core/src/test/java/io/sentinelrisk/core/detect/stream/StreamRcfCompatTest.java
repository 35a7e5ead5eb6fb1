package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinelrisk.core.data.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code model/stream_rcf.bin} of the first stored form (format version 1, written by the
 * release before the spatial rule and the quiet period; resources stream_rcf/) still reads, with
 * both rules off, and continues its stream with exactly the scores that release gave.
 */
class StreamRcfCompatTest {

    @Test
    void versionOnePartReadsAndScoresAsItsReleaseDid() throws IOException {
        byte[] bytes;
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/stream_rcf/stream_rcf-v1.bin");
             InputStream csv = getClass().getResourceAsStream("/stream_rcf/stream_rcf-v1-scores.csv")) {
            bytes = in.readAllBytes();
            lines = new String(csv.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        assertThat(java.util.Arrays.copyOfRange(bytes, 4, 8)).containsExactly(0, 0, 0, 1);   // format version 1, after the magic
        StreamRcfModel m = (StreamRcfModel) new StreamRcfFactory().decode(bytes, "model/stream_rcf.bin");
        assertThat(m.params()).isEqualTo(new StreamRcfParams(4, 10, 32, 0.001, 0, 100, true, 10, 200));
        assertThat(m.params().spatialTolerance()).isZero();
        assertThat(m.params().quietRows()).isZero();
        int n = lines.size();
        double[] x = new double[n];
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).split(",");
            x[i] = Double.parseDouble(f[0]);
            expected[i] = Double.parseDouble(f[1]);
        }
        double[] got = new double[n];
        m.score(new Matrix(n, 1, x), got, 1);
        assertThat(got).containsExactly(expected);
        // written again, it is the current form, which reads back into the same stream
        StreamRcfModel again = (StreamRcfModel) new StreamRcfFactory().decode(new StreamRcfFactory().encode(m),
                "model/stream_rcf.bin");
        double[] got2 = new double[n];
        again.score(new Matrix(n, 1, x), got2, 1);
        assertThat(got2).containsExactly(expected);
    }
}
