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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sentinel score} reads, scores and writes its input block by block: the outputs do not
 * depend on the block size, a bad row far into the file leaves no output, and a file several
 * times larger than the heap scores.
 */
class StreamingScoreE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void inputs() throws Exception {
        ok(SentinelProcess.run(shared, "generate", "soc", "--n-users", "20", "--events-per-user", "100", "--output", "data.csv"));
        ok(SentinelProcess.run(shared, "train", "--input", "data.csv", "--model-out", "model.srb"));
    }

    @Test
    void theOutputsDoNotDependOnTheBlockSize() throws Exception {
        Path data = copy("data.csv");
        copy("model.srb");
        for (String rows : List.of("7", "1000", "65536")) {
            ok(SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "model.srb", "--block-rows", rows, "--top-n", "25",
                    "--export-csv", "card-" + rows + ".csv", "--export-json", "top-" + rows + ".json", "--report", "report-" + rows + ".json"));
        }
        assertThat(Files.readAllLines(dir.resolve("card-7.csv"))).hasSize((int) dataRows(data) + 1)
                .isEqualTo(Files.readAllLines(dir.resolve("card-65536.csv")))
                .isEqualTo(Files.readAllLines(dir.resolve("card-1000.csv")));
        assertThat(Files.readString(dir.resolve("top-7.json"))).isEqualTo(Files.readString(dir.resolve("top-65536.json")));
        JsonNode alerts = JSON.readTree(dir.resolve("top-7.json").toFile());
        assertThat(alerts).hasSize(25);
        assertThat(alerts.get(0).path("row").asInt()).isGreaterThan(7);   // a row number of the file, not of a block
        assertThat(withoutTimings("report-7.json")).isEqualTo(withoutTimings("report-65536.json"));
        JsonNode timings = JSON.readTree(dir.resolve("report-7.json").toFile()).get("timings_ms");
        List<String> steps = new ArrayList<>();
        timings.fieldNames().forEachRemaining(steps::add);
        assertThat(steps).containsExactly("jvm_start", "load_model", "read", "score", "write", "report", "explain", "total");
        double sum = 0;
        for (String s : steps) {
            sum += s.equals("total") ? 0 : timings.get(s).asDouble();
        }
        assertThat(sum).isCloseTo(timings.get("total").asDouble(), org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void theLogSaysEachStepsTime() throws Exception {
        copy("data.csv");
        copy("model.srb");
        SentinelProcess.Result r = SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "model.srb", "--log-level", "INFO");
        ok(r);
        for (String step : List.of("load_model", "read", "score", "explain", "write", "report", "total")) {
            assertThat(r.err()).contains("time of " + step + ": ");
        }
    }

    @Test
    void aBadRowFarIntoTheFileLeavesNoOutput() throws Exception {
        List<String> lines = Files.readAllLines(shared.resolve("data.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int col = header.indexOf("bytes_out");
        int bad = lines.size() - 3;   // a line in the last block of 100 rows
        String[] cells = lines.get(bad).split(",", -1);
        cells[col] = "12.5x";
        lines.set(bad, String.join(",", cells));
        Files.write(dir.resolve("data.csv"), lines);
        copy("model.srb");
        Files.writeString(dir.resolve("card.csv"), "old\n");
        SentinelProcess.Result r = SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "model.srb", "--block-rows", "100",
                "--export-csv", "card.csv", "--export-json", "top.json", "--report", "report.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n")
                .startsWith("sentinel score: error: data.csv:" + (bad + 1) + ":" + (col + 1) + ": value \"12.5x\" in column 'bytes_out' is not a number");
        assertThat(Files.readString(dir.resolve("card.csv"))).isEqualTo("old\n");
        assertThat(dir.resolve("top.json")).doesNotExist();
        assertThat(dir.resolve("report.json")).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /**
     * A generated file of about 300 MB scored by a JVM given 128 MB of heap: the scorecard has a
     * line per row and the report counts them all.
     */
    @Test
    @Tag("slow")
    @Timeout(value = 600, unit = TimeUnit.SECONDS)   // 300 MB written, scored and counted: minutes on a loaded machine
    void aFileLargerThanTheHeapScores() throws Exception {
        long rows = NumericFiles.writeNumeric(dir.resolve("small.csv"), 5_000, 1);
        ok(SentinelProcess.run(dir, "train", "-i", "small.csv", "-m", "model.srb", "--n-estimators", "50"));
        Path big = dir.resolve("big.csv");
        rows = NumericFiles.writeNumeric(big, 1_600_000, 2);
        assertThat(Files.size(big)).isGreaterThan(280L << 20);
        SentinelProcess.Result r = SentinelProcess.run(dir, Map.of("SENTINEL_JAVA_OPTS", "-Xmx128m"), "score", "-i", "big.csv",
                "-m", "model.srb", "--export-csv", "card.csv", "--export-json", "top.json", "--report", "report.json");
        ok(r);
        assertThat(NumericFiles.countLines(dir.resolve("card.csv"))).isEqualTo(rows + 1);
        assertThat(JSON.readTree(dir.resolve("report.json").toFile()).get("rows").asLong()).isEqualTo(rows);
        assertThat(JSON.readTree(dir.resolve("top.json").toFile())).hasSize(50);
    }

    private JsonNode withoutTimings(String report) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(dir.resolve(report).toFile());
        n.remove("timings_ms");
        return n;
    }

    private long dataRows(Path data) throws IOException {
        return Files.readAllLines(data).size() - 1L;
    }

    /** Each block is logged at DEBUG, and nothing at the default level (WARN). */
    @Test
    void eachBlockIsLoggedAtDebugAndNothingByDefault() throws Exception {
        Path data = copy("data.csv");
        copy("model.srb");
        long rows = dataRows(data);
        SentinelProcess.Result debug = SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "model.srb", "--block-rows", "500",
                "--export-csv", "card.csv", "--log-level", "DEBUG");
        ok(debug);
        assertThat(debug.err()).contains("scored rows 1 to 500 of data.csv")
                .contains("read and scored " + rows + " rows from data.csv");
        SentinelProcess.Result quiet = SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "model.srb", "--block-rows", "500",
                "--export-csv", "card.csv");
        ok(quiet);
        assertThat(quiet.err()).isEmpty();
    }

    private Path copy(String name) throws IOException {
        return Files.copy(shared.resolve(name), dir.resolve(name));
    }

    private static void ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
