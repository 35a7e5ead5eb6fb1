package io.sentinelrisk.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 items 2, 3, 4 and 17 through the real command: an output that is the same file as an
 * input or another output is refused before any work; write errors on standard output fail the
 * command; signals leave no temp files and stale ones are removed; out of memory is one line.
 */
class OutputSafetyE2ETest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** Inputs copied into each test's directory: a small data set, a model, a config, labels. */
    @BeforeAll
    static void inputs() throws Exception {
        ok(SentinelProcess.run(shared, "generate", "soc", "--n-users", "10", "--events-per-user", "30", "--output", "data.csv"));
        ok(SentinelProcess.run(shared, "train", "--input", "data.csv", "--model-out", "model.srb"));
        Files.writeString(shared.resolve("config.yaml"), "contamination: 0.02\n");
        Files.writeString(shared.resolve("labels.txt"), "0\n".repeat(300));
    }

    /** A command that would overwrite what it must not, the file it would destroy, the two flags to name. */
    record Clash(String name, List<String> args, String protectedFile, String outputFlag, String otherFlag) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Clash> clashes() {
        return Stream.of(
                new Clash("model over the input", List.of("train", "-i", "data.csv", "-m", "data.csv"), "data.csv", "--model-out", "--input"),
                new Clash("scorecard over the input, spelt differently",
                        List.of("score", "-i", "./data.csv", "-m", "model.srb", "--export-csv", "sub/../data.csv"), "data.csv", "--export-csv", "--input"),
                new Clash("model and scorecard to one file",
                        List.of("train", "-i", "data.csv", "-m", "out.srb", "--export-csv", "./out.srb"), null, "--export-csv", "--model-out"),
                new Clash("report over a hard link of the input",
                        List.of("score", "-i", "data.csv", "-m", "model.srb", "--report", "hard.csv"), "data.csv", "--report", "--input"),
                new Clash("alerts over a symlink to the model",
                        List.of("score", "-i", "data.csv", "-m", "model.srb", "--export-json", "alias.srb"), "model.srb", "--export-json", "--model"),
                new Clash("two new files, one through a symlinked directory",
                        List.of("train", "-i", "data.csv", "--export-json", "a/new.json", "--report", "b/new.json"), null, "--report", "--export-json"),
                new Clash("predict over its model", List.of("predict", "-m", "model.srb", "--record", "{}", "-o", "model.srb"),
                        "model.srb", "--output", "--model"),
                new Clash("report over the config", List.of("train", "-i", "data.csv", "-c", "config.yaml", "--report", "config.yaml"),
                        "config.yaml", "--report", "--config"),
                new Clash("evaluation over the labels", List.of("evaluate", "-i", "data.csv", "--labels", "labels.txt", "--html", "labels.txt"),
                        "labels.txt", "--html", "--labels"),
                new Clash("generated data and users to one file",
                        List.of("generate", "soc", "--n-users", "3", "--output", "x.csv", "--users-output", "x.csv"), null, "--users-output", "--output"),
                new Clash("injected data over the input", List.of("inject", "-i", "data.csv", "-o", "data.csv"), "data.csv", "--output", "--input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clashes")
    void anOutputThatIsAnInputOrAnotherOutputIsRefused(Clash c) throws Exception {
        for (String f : List.of("data.csv", "model.srb", "config.yaml", "labels.txt")) {
            Files.copy(shared.resolve(f), dir.resolve(f));
        }
        Files.createDirectories(dir.resolve("sub"));
        Files.createLink(dir.resolve("hard.csv"), dir.resolve("data.csv"));
        Files.createSymbolicLink(dir.resolve("alias.srb"), Path.of("model.srb"));
        Files.createDirectories(dir.resolve("a"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        String before = c.protectedFile() == null ? null : sha256(dir.resolve(c.protectedFile()));
        List<String> filesBefore = files(dir);

        SentinelProcess.Result r = SentinelProcess.run(dir, c.args().toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("same file").contains(c.outputFlag()).contains(c.otherFlag());
        assertThat(r.out()).isEmpty();
        if (before != null) {
            assertThat(sha256(dir.resolve(c.protectedFile()))).isEqualTo(before);
        }
        assertThat(files(dir)).as("nothing written").isEqualTo(filesBefore);
    }

    @Test
    void twoOutputsToStandardOutputAreRefused() throws Exception {
        Files.copy(shared.resolve("data.csv"), dir.resolve("data.csv"));
        SentinelProcess.Result r = SentinelProcess.run(dir, "train", "-i", "data.csv", "--export-csv", "-", "--report", "-");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--export-csv").contains("--report").contains("standard output");
    }

    @Test
    void writeErrorsOnStandardOutputFailTheCommand() throws Exception {
        Files.copy(shared.resolve("data.csv"), dir.resolve("data.csv"));
        Files.copy(shared.resolve("model.srb"), dir.resolve("model.srb"));
        for (List<String> args : List.of(List.of("predict", "-m", "model.srb", "--record", "{\"bytes_out\": 5}"),
                List.of("train", "-i", "data.csv"),
                List.of("config", "defaults"),
                List.of("score", "-i", "data.csv", "-m", "model.srb", "--export-csv", "-"))) {
            Process p = SentinelProcess.command(dir, Map.of(), args.toArray(String[]::new))
                    .redirectOutput(new File("/dev/full")).redirectError(dir.resolve("err.txt").toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err.txt"));
            assertThat(p.exitValue()).as(args + ": " + err).isEqualTo(1);
            assertThat(err.lines().filter(l -> l.contains("error")).toList()).as(args + ": " + err).hasSize(1)
                    .allMatch(l -> l.startsWith("sentinel ") && l.contains("No space left on device"));
            assertThat(err).doesNotContain("\tat ");
        }
        SentinelProcess.Result full = SentinelProcess.run(dir, "score", "-i", "data.csv", "-m", "model.srb", "--export-json", "/dev/full");
        assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
        assertThat(full.err()).contains("/dev/full").contains("No space left on device");
    }

    @Test
    void aTerminatedExportLeavesNoTempFileAndAKilledOneIsCleanedUpByTheNextRun() throws Exception {
        String[] big = {"generate", "soc", "--n-users", "1000", "--events-per-user", "400", "--output", "big.csv"};
        Process term = startWhenWriting(big);
        term.destroy();   // SIGTERM
        assertThat(term.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(term.exitValue()).isEqualTo(143);
        assertThat(tempFiles("big.csv")).as("temp files after SIGTERM").isEmpty();
        assertThat(dir.resolve("big.csv")).doesNotExist();

        Process kill = startWhenWriting(big);
        kill.destroyForcibly();   // SIGKILL: nothing can clean up
        assertThat(kill.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> left = tempFiles("big.csv");
        assertThat(left).as("a killed process leaves its temp file").hasSize(1);

        // Planted: an old-style stale temp, ours of a dead process, one of a live process, one not ours.
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
        Path oldStyle = plant(".big.csv.123456789.tmp", hourAgo);
        Path deadPid = plant(".big.csv.999999999.42.tmp", hourAgo);
        Path livePid = plant(".big.csv." + ProcessHandle.current().pid() + ".42.tmp", hourAgo);
        Path notOurs = plant(".big.csv.mine.tmp", hourAgo);
        SentinelProcess.Result r = SentinelProcess.run(dir, "generate", "soc", "--n-users", "3", "--events-per-user", "5", "--output", "big.csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve(left.get(0))).doesNotExist();
        assertThat(oldStyle).doesNotExist();
        assertThat(deadPid).doesNotExist();
        assertThat(livePid).as("a live process may still be writing it").exists();
        assertThat(notOurs).exists();
        assertThat(dir.resolve("big.csv")).isRegularFile();
    }

    @Test
    void outOfMemoryIsOneLineSayingHowToRaiseTheHeap() throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, Map.of("SENTINEL_JAVA_OPTS", "-Xmx24m"),
                "generate", "soc", "--n-users", "1000", "--events-per-user", "400", "--output", "oom.csv");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ")
                .startsWith("sentinel generate soc: error: out of memory (Java heap space")
                .contains("SENTINEL_JAVA_OPTS=-Xmx");
        assertThat(tempFiles("oom.csv")).isEmpty();
    }

    /** Starts a large export and returns once its temp file is there, i.e. while it writes. */
    private Process startWhenWriting(String... args) throws Exception {
        Process p = SentinelProcess.command(dir, Map.of(), args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tempFiles("big.csv").isEmpty()) {
            assertThat(p.isAlive()).as("the export ended before its temp file was seen").isTrue();
            assertThat(System.nanoTime()).as("no temp file within 60 s").isLessThan(deadline);
            Thread.sleep(2);
        }
        return p;
    }

    private Path plant(String name, FileTime mtime) throws IOException {
        Path p = Files.writeString(dir.resolve(name), "partial");
        Files.setLastModifiedTime(p, mtime);
        return p;
    }

    private List<String> tempFiles(String output) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("." + output + ".") && n.endsWith(".tmp") && n.matches(".*\\.\\d+\\.tmp"))
                    .toList();
        }
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<String> out = new ArrayList<>(s.map(p -> dir.relativize(p).toString())
                    .filter(n -> !n.startsWith(".out") && !n.startsWith(".err")).sorted().toList());
            return out;
        }
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static void ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
