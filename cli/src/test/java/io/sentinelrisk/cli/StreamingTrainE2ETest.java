package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sentinel train} on an input larger than {@code --train-sample}: it fits on a uniform
 * sample read in one pass of blocks and scores every row in a second, so the bundle and the
 * outputs do not depend on the block size, the report says the model saw a sample, and a file
 * larger than the heap trains.
 */
class StreamingTrainE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FIXED_TIME = Map.of("SOURCE_DATE_EPOCH", "1700000000");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void inputs() throws Exception {
        ok(SentinelProcess.run(shared, "generate", "soc", "--n-users", "20", "--events-per-user", "100", "--output", "data.csv"));
    }

    @Test
    void theBundleAndOutputsDoNotDependOnTheBlockSize() throws Exception {
        Path data = Files.copy(shared.resolve("data.csv"), dir.resolve("data.csv"));
        long rows = Files.readAllLines(data).size() - 1L;
        for (String blockRows : List.of("7", "1000", "65536")) {
            SentinelProcess.Result r = SentinelProcess.run(dir, FIXED_TIME, "train", "-i", "data.csv", "--train-sample", "500",
                    "--block-rows", blockRows, "-m", "m-" + blockRows + ".srb", "--export-csv", "card-" + blockRows + ".csv",
                    "--export-json", "top-" + blockRows + ".json", "--report", "report-" + blockRows + ".json");
            ok(r);
            assertThat(r.out()).contains("fitted on a uniform sample of 500 of " + rows + " rows");
        }
        assertThat(Files.readAllBytes(dir.resolve("m-7.srb"))).isEqualTo(Files.readAllBytes(dir.resolve("m-65536.srb")))
                .isEqualTo(Files.readAllBytes(dir.resolve("m-1000.srb")));
        assertThat(Files.readAllLines(dir.resolve("card-7.csv"))).hasSize((int) rows + 1)
                .isEqualTo(Files.readAllLines(dir.resolve("card-65536.csv")));
        assertThat(Files.readString(dir.resolve("top-7.json"))).isEqualTo(Files.readString(dir.resolve("top-1000.json")));
        assertThat(withoutTimings("report-7.json")).isEqualTo(withoutTimings("report-65536.json"));

        JsonNode report = JSON.readTree(dir.resolve("report-7.json").toFile());
        assertThat(report.get("command").asText()).isEqualTo("train");
        assertThat(report.get("rows").asLong()).isEqualTo(rows);
        JsonNode sample = report.at("/training/sample");
        assertThat(sample.get("rows").asInt()).isEqualTo(500);
        assertThat(sample.get("of").asLong()).isEqualTo(rows);
        assertThat(sample.get("note").asText()).startsWith("fitted on a uniform sample of 500 of " + rows + " rows");
        assertThat(report.at("/training/rows").asInt()).isEqualTo(500);
        // the label-like and id columns the rules find on a whole-file fit are found on the sample too
        ok(SentinelProcess.run(dir, FIXED_TIME, "train", "-i", "data.csv", "-m", "whole.srb", "--report", "whole.json"));
        JsonNode whole = JSON.readTree(dir.resolve("whole.json").toFile());
        assertThat(whole.at("/training/sample").isMissingNode()).isTrue();   // fewer rows than the default sample: fitted whole
        assertThat(report.at("/training/excluded_columns")).isEqualTo(whole.at("/training/excluded_columns"));

        // the bundle scores
        ok(SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "m-7.srb", "--export-csv", "scored.csv"));
        assertThat(Files.readAllLines(dir.resolve("scored.csv"))).hasSize((int) rows + 1);
    }

    /**
     * The second pass from the kept blocks (their rows walked once, with the fit) and from the file
     * read again (no block kept: the sample walked in the fit, every row in the second pass) give
     * the same bundle and outputs, for a detector of either kind and a neighbour detector.
     */
    @Test
    void keptBlocksAndTheFileReadAgainGiveTheSameOutputs() throws Exception {
        Files.copy(shared.resolve("data.csv"), dir.resolve("data.csv"));
        Map<String, String> reread = Map.of("SOURCE_DATE_EPOCH", "1700000000",
                "SENTINEL_JAVA_OPTS", "-D" + TrainCommand.KEPT_BYTES_PROPERTY + "=0");
        for (String detector : List.of("iforest", "hbos", "lof")) {
            for (String way : List.of("kept", "reread")) {
                String out = detector + "-" + way;
                SentinelProcess.Result r = SentinelProcess.run(dir, way.equals("kept") ? FIXED_TIME : reread, "train",
                        "-i", "data.csv", "--detector", detector, "--train-sample", "500", "--block-rows", "300",
                        "-m", out + ".srb", "--export-csv", out + ".csv", "--export-json", out + ".json",
                        "--report", out + "-report.json", "--log-level", "DEBUG");
                ok(r);
                assertThat(r.err()).contains(way.equals("kept")
                        ? detector.equals("lof") ? "second pass: the kept blocks, every row scored"
                                : "second pass: the kept blocks, their rows' scores from the fit"
                        : "second pass: the file read again");
            }
            String kept = detector + "-kept";
            String reRead = detector + "-reread";
            assertThat(Files.readAllBytes(dir.resolve(kept + ".srb"))).as(detector)
                    .isEqualTo(Files.readAllBytes(dir.resolve(reRead + ".srb")));
            assertThat(Files.readAllBytes(dir.resolve(kept + ".csv"))).as(detector)
                    .isEqualTo(Files.readAllBytes(dir.resolve(reRead + ".csv")));
            assertThat(Files.readString(dir.resolve(kept + ".json"))).as(detector)
                    .isEqualTo(Files.readString(dir.resolve(reRead + ".json")));
            assertThat(withoutTimings(kept + "-report.json")).as(detector).isEqualTo(withoutTimings(reRead + "-report.json"));
        }
    }

    @Test
    void labelsFromAFileRankEveryRow() throws Exception {
        Path data = Files.copy(shared.resolve("data.csv"), dir.resolve("data.csv"));
        List<String> lines = Files.readAllLines(data);
        List<String> header = List.of(lines.get(0).split(","));
        int scenario = header.indexOf("scenario");
        List<String> labels = new ArrayList<>(List.of("label"));
        for (String line : lines.subList(1, lines.size())) {
            String s = line.split(",", -1)[scenario];
            labels.add(s.isEmpty() || s.equals("normal") ? "0" : "1");
        }
        Files.write(dir.resolve("labels.csv"), labels);
        SentinelProcess.Result r = SentinelProcess.run(dir, "train", "-i", "data.csv", "--labels", "labels.csv",
                "--train-sample", "400", "--report", "report.json");
        ok(r);
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(report.at("/training/sample/rows").asInt()).isEqualTo(400);
        assertThat(report.at("/metrics/roc_auc").isNumber()).as(report.toString()).isTrue();
        assertThat(report.at("/metrics/labelled_rows").asLong()).isEqualTo(lines.size() - 1L);   // every row ranked, not the sample
        assertThat(r.out()).contains("labels: precision");
    }

    @Test
    void aPipeIsRefusedWithOneLine() throws Exception {
        Files.copy(shared.resolve("data.csv"), dir.resolve("data.csv"));
        Path fifo = dir.resolve("in.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();
        SentinelProcess.Result r = SentinelProcess.run(dir, "train", "-i", "in.fifo", "-m", "m.srb");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("sentinel train: error: in.fifo: is not a regular file (a pipe or a device); train reads its input twice");
        assertThat(dir.resolve("m.srb")).doesNotExist();
    }

    /**
     * A generated file of about 290 MB trained by a JVM given 128 MB of heap: the bundle scores,
     * the scorecard has a line per row, and the report counts them all and says the model was
     * fitted on a sample of them.
     */
    @Test
    @Tag("integration")
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aFileLargerThanTheHeapTrains() throws Exception {
        Path big = dir.resolve("big.csv");
        long rows = NumericFiles.writeNumeric(big, 1_550_000, 2);
        assertThat(Files.size(big)).isGreaterThan(280L << 20);
        Process p = SentinelProcess.command(dir, Map.of("SENTINEL_JAVA_OPTS", "-Xmx128m"), "train", "-i", "big.csv",
                        "-m", "model.srb", "--export-csv", "card.csv", "--export-json", "top.json", "--report", "report.json")
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(540, TimeUnit.SECONDS)).as("train finished in time").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        assertThat(NumericFiles.countLines(dir.resolve("card.csv"))).isEqualTo(rows + 1);
        JsonNode report = JSON.readTree(dir.resolve("report.json").toFile());
        assertThat(report.get("rows").asLong()).isEqualTo(rows);
        assertThat(report.at("/training/sample/rows").asInt()).isEqualTo(TrainCommand.DEFAULT_TRAIN_SAMPLE);
        assertThat(report.at("/training/sample/of").asLong()).isEqualTo(rows);
        assertThat(JSON.readTree(dir.resolve("top.json").toFile())).hasSize(50);
        assertThat(Files.readString(dir.resolve("out.txt")))
                .contains("fitted on a uniform sample of " + TrainCommand.DEFAULT_TRAIN_SAMPLE + " of " + rows + " rows");

        Path small = dir.resolve("small.csv");
        long smallRows = NumericFiles.writeNumeric(small, 2_000, 3);
        ok(SentinelProcess.run(dir, "score", "-i", "small.csv", "-m", "model.srb", "--export-csv", "small-card.csv"));
        assertThat(NumericFiles.countLines(dir.resolve("small-card.csv"))).isEqualTo(smallRows + 1);
    }

    private JsonNode withoutTimings(String report) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(dir.resolve(report).toFile());
        n.remove("timings_ms");
        n.remove("model");   // each run saved its own bundle
        return n;
    }

    private static void ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
