package io.sentinelrisk.core.detect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.testdata.Frames;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detector.type: stream_rcf} through the product's path: config → train → bundle → score. */
class StreamRcfPipelineTest {
    @TempDir
    Path dir;

    static Frame series(double[] x) {
        return new Frames().numeric("value", x).build();
    }

    static Pipeline fit(Frame frame) {
        Map<String, Object> flags = Map.of("detector.type", "stream_rcf", "detector.n_trees", 20,
                "detector.sample_size", 64, "detector.warmup", 100, "detector.score_window", 500,
                "random_state", 4, "threads", 2);
        SentinelConfig cfg = SentinelConfig.fromMap(new LinkedHashMap<>(), flags, k -> null, "test");
        return new PipelineTrainer(cfg).fit(frame, null).pipeline();
    }

    @Test
    void bundleRoundTripScoresTheContinuationIdentically() throws Exception {
        double[] x = StreamRcfTest.sine(1600, 48, 8);
        x[1400] += 5;
        Pipeline p = fit(series(Arrays.copyOf(x, 1000)));
        assertThat(p.detector()).isInstanceOf(StreamRcfModel.class);
        Path file = dir.resolve("m.srb");
        Bundles.write(p, file, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Bundles.entryNames(file)).contains("model/stream_rcf.bin");
        Pipeline back = Bundles.read(file);
        Frame rest = series(Arrays.copyOfRange(x, 1000, 1600));
        ScoredBatch a = p.score(rest, "rest", 2);
        ScoredBatch b = back.score(rest, "rest", 1);
        assertThat(b.score()).containsExactly(a.score());
        assertThat(b.risk()).containsExactly(a.risk());
        assertThat(b.isAnomaly()).containsExactly(a.isAnomaly());
        assertThat(a.isAnomaly()[400]).as("the planted spike is an alert").isTrue();
    }
}
