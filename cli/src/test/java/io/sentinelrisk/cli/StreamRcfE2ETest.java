package io.sentinelrisk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detector.type: stream_rcf} through the packaged command: train on the head of a metric
 * series, score its continuation; the output does not depend on {@code --block-rows} (the
 * stream is scored in one piece) and a planted spike in the continuation is an alert.
 */
class StreamRcfE2ETest {
    @TempDir
    Path dir;

    static void series(Path file, int from, int to, int spikeAt) throws Exception {
        Random r = new Random(5);
        List<String> lines = new ArrayList<>();
        lines.add("value");
        for (int i = 0; i < to; i++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * i / 48) + r.nextGaussian() + (i == spikeAt ? 25 : 0);
            if (i >= from) {
                lines.add(String.format(java.util.Locale.ROOT, "%.4f", v));
            }
        }
        Files.write(file, lines);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)   // three JVM runs: generous for a loaded machine
    void trainsAndScoresTheContinuationInOnePiece() throws Exception {
        series(dir.resolve("train.csv"), 0, 1500, -1);
        series(dir.resolve("next.csv"), 1500, 2000, 1800);
        Files.writeString(dir.resolve("cfg.yaml"), "detector:\n  type: stream_rcf\n  n_trees: 20\n  warmup: 200\n");
        ok(SentinelProcess.run(dir, "train", "--input", "train.csv", "--config", "cfg.yaml", "--model-out", "m.srb"));
        ok(SentinelProcess.run(dir, "score", "-i", "next.csv", "-m", "m.srb", "--export-csv", "a.csv"));
        ok(SentinelProcess.run(dir, "score", "-i", "next.csv", "-m", "m.srb", "--block-rows", "7", "--export-csv", "b.csv"));
        List<String> a = Files.readAllLines(dir.resolve("a.csv"));
        assertThat(Files.readAllLines(dir.resolve("b.csv"))).isEqualTo(a);
        List<String> header = List.of(a.get(0).split(","));
        int anomaly = header.indexOf("is_anomaly");
        assertThat(a.get(1 + 300).split(",")[anomaly]).as("the spike's row").isEqualTo("true");
    }

    private static void ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
