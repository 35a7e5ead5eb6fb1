package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 1, the output rule, through the real command: every output flag of every command
 * is written to /dev/null, to a FIFO, to '-' and through a symlink. Each command runs once per
 * kind of target, the kinds rotated over its flags (run k sends flag i to kind (i + k) mod n), so
 * that every flag meets every kind while '-' is used at most once per run and runs stay few.
 */
class OutputRuleE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path data;
    static Path model;
    static Path records;
    static Path card;
    static Path feedback;

    @TempDir
    Path dir;

    enum Kind { DEV_NULL, FIFO, STDOUT, SYMLINK, FILE }

    enum Content {
        ZIP(".srb"), JSON(".json"), JSON_LINES(".jsonl"), CSV(".csv"), HTML(".html");

        final String extension;

        Content(String extension) {
            this.extension = extension;
        }
    }

    /** A run whose standard output is kept as bytes (a bundle written to '-' is binary). */
    record Raw(int exitCode, byte[] out, String err) {
        static Raw run(Path dir, String... args) throws IOException, InterruptedException {
            Path out = Files.createTempFile(dir, ".stdout", ".bin");
            Path err = Files.createTempFile(dir, ".stderr", ".txt");
            Process p = SentinelProcess.command(dir, java.util.Map.of("SENTINEL_JAVA_OPTS", "-XX:TieredStopAtLevel=1"), args).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("sentinel " + String.join(" ", args) + " did not finish in 120 s");
            }
            Raw r = new Raw(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        }
    }

    record Flag(String name, Content content) {
    }

    /** A command with its inputs, and each of its output flags with what it writes. */
    record Cmd(String name, List<String> args, List<Flag> flags) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void inputs() throws Exception {
        data = shared.resolve("data.csv");
        ok(SentinelProcess.run(shared, "generate", "soc", "--n-users", "10", "--events-per-user", "30", "--output", data.toString()));
        model = shared.resolve("model.srb");
        ok(SentinelProcess.run(shared, "train", "--input", data.toString(), "--model-out", model.toString()));
        records = shared.resolve("records.jsonl");
        Files.writeString(records, "{\"bytes_out\": 5000, \"hour\": 3}\n{\"bytes_out\": 9000000, \"hour\": 4}\n");
        // a scorecard with entities, and verdicts of both kinds on its rows (flagged: true_positive; 20 others: false_positive)
        Path cfg = shared.resolve("cfg.yaml");
        Files.writeString(cfg, "entity_column: user\ntime_column: timestamp\n");
        Path entityModel = shared.resolve("entity.srb");
        card = shared.resolve("card.csv");
        ok(SentinelProcess.run(shared, "train", "--input", data.toString(), "--config", cfg.toString(), "--model-out",
                entityModel.toString(), "--export-csv", card.toString()));
        List<String> lines = Files.readAllLines(card);
        List<String> header = List.of(lines.get(0).split(",", -1));
        int flag = header.indexOf("is_anomaly");
        int id = header.indexOf("alert_id");
        StringBuilder verdicts = new StringBuilder();
        int quiet = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            boolean flagged = cells[flag].equals("true");
            if (flagged || quiet++ < 20) {
                verdicts.append("{\"alert_id\": \"").append(cells[id]).append("\", \"verdict\": \"")
                        .append(flagged ? "true_positive" : "false_positive").append("\", \"analyst\": \"kim\", \"time\": \"2024-02-01T09:00:00Z\"}\n");
            }
        }
        feedback = shared.resolve("feedback.jsonl");
        Files.writeString(feedback, verdicts);
        model = entityModel;
    }

    static Stream<Cmd> commands() {
        String d = data.toString();
        String m = model.toString();
        return Stream.of(
                new Cmd("train", List.of("train", "--input", d), List.of(new Flag("--export-json", Content.JSON),
                        new Flag("--export-csv", Content.CSV), new Flag("--report", Content.JSON), new Flag("--model-out", Content.ZIP))),
                new Cmd("score", List.of("score", "--input", d, "--model", m), List.of(new Flag("--export-json", Content.JSON),
                        new Flag("--export-csv", Content.CSV), new Flag("--report", Content.JSON))),
                new Cmd("demo", List.of("demo", "--samples", "300", "--anomalies", "6"), List.of(new Flag("--export-json", Content.JSON),
                        new Flag("--export-csv", Content.CSV), new Flag("--report", Content.JSON), new Flag("--persist", Content.ZIP),
                        new Flag("--save-data", Content.CSV))),
                new Cmd("predict", List.of("predict", "--model", m, "--input", records.toString()),
                        List.of(new Flag("--output", Content.JSON_LINES))),
                new Cmd("evaluate", List.of("evaluate", "--input", d), List.of(new Flag("--report", Content.JSON),
                        new Flag("--html", Content.HTML))),
                new Cmd("generate", List.of("generate", "soc", "--n-users", "5", "--events-per-user", "20"),
                        List.of(new Flag("--output", Content.CSV), new Flag("--users-output", Content.CSV))),
                new Cmd("inject", List.of("inject", "--input", d), List.of(new Flag("--output", Content.CSV),
                        new Flag("--report", Content.JSON))),
                new Cmd("features build", List.of("features", "build", "--pack", "soc", "--input", d),
                        List.of(new Flag("--output", Content.CSV))),
                new Cmd("entities", List.of("entities", "--scored", card.toString()), List.of(new Flag("--report", Content.JSON))),
                new Cmd("incidents", List.of("incidents", "--scored", card.toString()), List.of(new Flag("--report", Content.JSON))),
                new Cmd("feedback stats", List.of("feedback", "stats", "--feedback", feedback.toString(), "--model", m,
                        "--scored", card.toString()), List.of(new Flag("--report", Content.JSON))),
                new Cmd("retrain", List.of("retrain", "--model", m, "--feedback", feedback.toString(), "--input", d),
                        List.of(new Flag("--model-out", Content.ZIP), new Flag("--report", Content.JSON))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void everyOutputFlagToDevNullFifoStdoutAndSymlink(Cmd cmd) throws Exception {
        Kind[] kinds = Kind.values();
        int runs = Math.max(4, cmd.flags().size());
        for (int k = 0; k < runs; k++) {
            Path run = Files.createDirectory(dir.resolve("run" + k));
            List<String> args = new ArrayList<>(cmd.args());
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < cmd.flags().size(); i++) {
                int slot = (i + k) % runs;
                Kind kind = slot < 4 ? kinds[slot] : Kind.FILE;
                Target t = Target.make(run, i, kind, cmd.flags().get(i).content().extension);
                targets.add(t);
                args.add(cmd.flags().get(i).name());
                args.add(t.arg());
            }
            Raw r;
            try {
                r = Raw.run(run, args.toArray(String[]::new));
            } finally {
                targets.forEach(Target::unblock);
            }
            String what = String.join(" ", args);
            assertThat(r.exitCode()).as(what + "\n" + r.err()).isZero();
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                Flag flag = cmd.flags().get(i);
                byte[] written = t.written(r.out());
                assertThat(written).as(flag.name() + " to " + t.kind() + ": " + what).isNotEmpty();
                assertContent(written, flag.content(), flag.name() + " to " + t.kind(), t.kind() == Kind.STDOUT);
                t.assertStillWhatItWas();
            }
            try (Stream<Path> left = Files.list(run)) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
                        .as("temp files left by " + what).isEmpty();
            }
        }
    }

    @Test
    void plotsDirIsADirectoryAndFollowsASymlink() throws Exception {
        Path fifo = dir.resolve("plots.fifo");
        mkfifo(fifo);
        for (String bad : List.of("/dev/null", "-", fifo.toString())) {
            SentinelProcess.Result r = SentinelProcess.run(dir, "evaluate", "--input", data.toString(), "--plots-dir", bad);
            assertThat(r.exitCode()).as(bad + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").contains("--plots-dir");
        }
        assertThat((Integer) Files.getAttribute(Path.of("/dev/null"), "unix:mode") & 0170000).isEqualTo(0020000);
        Path real = Files.createDirectory(dir.resolve("real-plots"));
        Path link = Files.createSymbolicLink(dir.resolve("plots"), real);
        SentinelProcess.Result r = SentinelProcess.run(dir, "evaluate", "--input", data.toString(), "--plots-dir", link.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        try (Stream<Path> pngs = Files.list(real)) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isPositive();
        }
    }

    /** Where one output goes in one run, and how to read back what was written there. */
    record Target(Kind kind, Path path, CompletableFuture<byte[]> reader, Path linkTarget) {
        static Target make(Path run, int i, Kind kind, String ext) throws IOException, InterruptedException {
            return switch (kind) {
                case DEV_NULL -> new Target(kind, Path.of("/dev/null"), null, null);
                case STDOUT -> new Target(kind, Path.of("-"), null, null);
                case FILE -> new Target(kind, run.resolve("out" + i + ext), null, null);
                case FIFO -> {
                    Path fifo = run.resolve("out" + i + ".fifo");
                    mkfifo(fifo);
                    yield new Target(kind, fifo, CompletableFuture.supplyAsync(() -> {
                        try {
                            return Files.readAllBytes(fifo);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }), null);
                }
                case SYMLINK -> {
                    Path real = Files.createDirectories(run.resolve("elsewhere")).resolve("target" + i + ext);
                    Files.writeString(real, "old content");
                    Path link = Files.createSymbolicLink(run.resolve("link" + i + ext), run.relativize(real));
                    yield new Target(kind, link, null, real);
                }
            };
        }

        String arg() {
            return path.toString();
        }

        /** A FIFO reader still waiting (the command never opened it) gets an end of file. */
        void unblock() {
            if (reader != null && !reader.isDone()) {
                try (OutputStream ignored = Files.newOutputStream(path)) {
                    // opening for writing and closing gives the reader its end of file
                } catch (IOException ignored) {
                    // the reader is gone
                }
            }
        }

        byte[] written(byte[] stdout) throws Exception {
            return switch (kind) {
                case DEV_NULL -> new byte[] {'-'};   // nothing to read back; the device is checked below
                case STDOUT -> stdout;
                case FILE -> Files.readAllBytes(path);
                case FIFO -> reader.get(30, TimeUnit.SECONDS);
                case SYMLINK -> Files.readAllBytes(linkTarget);
            };
        }

        void assertStillWhatItWas() throws IOException {
            switch (kind) {
                case DEV_NULL -> assertThat((Integer) Files.getAttribute(path, "unix:mode") & 0170000)
                        .as("/dev/null is still a character device").isEqualTo(0020000);
                case FIFO -> assertThat((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
                        .as("the FIFO is still a FIFO").isEqualTo(0010000);
                case SYMLINK -> {
                    assertThat(Files.isSymbolicLink(path)).as("the symlink is still a symlink").isTrue();
                    assertThat(path.resolveSibling(Files.readSymbolicLink(path))).isEqualTo(linkTarget);
                }
                default -> {
                }
            }
        }
    }

    private static void assertContent(byte[] bytes, Content content, String what, boolean stdout) throws IOException {
        if (bytes.length == 1 && bytes[0] == '-') {
            return;   // /dev/null
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        switch (content) {
            case ZIP -> assertThat(bytes).as(what).startsWith('P', 'K', 3, 4);
            case JSON -> assertThat(JSON.readTree(text).isContainerNode()).as(what).isTrue();
            case JSON_LINES -> assertThat(text.lines().map(l -> {
                try {
                    return JSON.readTree(l).has("risk");
                } catch (IOException e) {
                    return false;
                }
            }).toList()).as(what).hasSize(2).containsOnly(true);
            case CSV -> assertThat(text.lines().findFirst().orElse("")).as(what).contains(",").doesNotContain("rows scored");
            case HTML -> assertThat(text).as(what).containsIgnoringCase("<html");
        }
        if (stdout) {   // the command's own printing went to stderr
            assertThat(text).as(what + " holds only the output").doesNotContain("wrote ").doesNotContain("top alerts:");
        }
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    private static void ok(SentinelProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
