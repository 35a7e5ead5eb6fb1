package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 19: every command of the README runs as written from the root of a clone. The
 * fenced blocks after a {@code <!-- readme-test: run -->} marker are run line by line with bash,
 * in a temp dir whose {@code bin/sentinel} runs the packaged jar and whose {@code bin/build} does
 * nothing (the jar is built already). Every README command line must be in such a block.
 */
class ReadmeE2ETest {
    private static final String MARKER = "<!-- readme-test: run -->";
    /**
     * A block whose {@code bin/sentinel serve} line starts the server in the background (on a free
     * port instead of 8080, waiting until it listens); the lines after it run against it, and the
     * server is stopped (SIGTERM) when the block ends.
     */
    private static final String SERVE_MARKER = "<!-- readme-test: serve -->";

    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheReadmeRunsAsWritten() throws Exception {
        List<String> readme = Files.readAllLines(readme());
        List<String> commands = markedCommands(readme);
        assertThat(commands).hasSizeGreaterThan(8);
        assertThat(commands).anyMatch(c -> c.contains(" train ")).anyMatch(c -> c.contains(" score "))
                .anyMatch(c -> c.contains(" predict ")).anyMatch(c -> c.contains(" demo "));
        installLaunchers();
        for (String command : commands) {
            Ran r = bash(command);
            assertThat(r.exit()).as("README command: %s%n%s", command, r.err()).isZero();
            if (command.contains(" predict ") && !command.startsWith("#")) {
                // the README says what this answers: the 9 MB transfer at 3 am is flagged, high risk
                JsonNode answer = new ObjectMapper().readTree(r.out());
                assertThat(r.out()).as("predict answer of: %s%nstderr: %s", command, r.err()).contains("predicted_label");
                assertThat(answer.get("predicted_label").asInt()).as(r.out()).isEqualTo(1);
                assertThat(answer.get("risk_level").asText()).as(r.out()).isIn("critical", "high");
                assertThat(answer.get("risk").asDouble()).isGreaterThan(99);
            }
        }
        assertThat(dir.resolve("artifacts/iforest.srb")).isNotEmptyFile();
        assertThat(dir.resolve("out/demo.srb")).isNotEmptyFile();
        runServeBlocks(readme);
    }

    /** The serve blocks: the server in the background, the other lines against it (curl answers checked). */
    private void runServeBlocks(List<String> readme) throws Exception {
        List<String> commands = markedCommands(readme, SERVE_MARKER);
        assertThat(commands).anyMatch(c -> c.startsWith("bin/sentinel serve ")).anyMatch(c -> c.startsWith("curl "));
        // port 0: the server binds a free port itself and prints it (a port found free here and
        // handed over could be taken in between, e.g. as the local port of any outgoing connection)
        int port = -1;
        Process server = null;
        try {
            for (String command : commands) {
                if (command.startsWith("bin/sentinel serve ")) {
                    String line = command.replaceFirst("\\s+#.*$", "") + " --port 0";
                    server = new ProcessBuilder("bash", "-c", "exec " + line).directory(dir.toFile())
                            .redirectError(dir.resolve("serve.err").toFile()).start();
                    var out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                    String first = out.readLine();
                    assertThat(first).as("serve printed nothing; stderr: %s", Files.readString(dir.resolve("serve.err")))
                            .isNotNull().contains("listening on http://127.0.0.1:");
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(first);
                    assertThat(m.find()).as(first).isTrue();
                    port = Integer.parseInt(m.group(1));
                    continue;
                }
                assertThat(port > 0 || !command.contains("127.0.0.1:8080")).as("a serve line before %s", command).isTrue();
                Ran r = bash(command.replace("127.0.0.1:8080", "127.0.0.1:" + port));
                assertThat(r.exit()).as("README command: %s%n%s", command, r.err()).isZero();
                if (command.startsWith("curl ") && command.contains("/v1/score")) {
                    JsonNode alert = new ObjectMapper().readTree(r.out()).get("alerts").get(0);
                    assertThat(alert.get("is_anomaly").asBoolean()).as(r.out()).isTrue();
                    assertThat(alert.get("risk_level").asText()).as(r.out()).isIn("critical", "high");
                }
            }
        } finally {
            if (server != null) {
                server.destroy();
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
            }
        }
    }

    @Test
    void noCommandIsLeftOutOfTheTest() throws Exception {
        List<String> readme = Files.readAllLines(readme());
        List<String> marked = new ArrayList<>(markedCommands(readme));
        marked.addAll(markedCommands(readme, SERVE_MARKER));
        boolean inFence = false;
        for (String line : readme) {
            if (line.startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            String t = line.strip();
            if (inFence && (t.startsWith("sentinel ") || t.startsWith("bin/sentinel ") || t.startsWith("java "))) {
                assertThat(marked).as("README line not run by the test: " + t).anyMatch(c -> c.startsWith(t.replaceAll("\\\\$", "").strip()));
            }
            assertThat(inFence && t.startsWith("sentinel ")).as("'sentinel' is not on a fresh clone's PATH: " + t).isFalse();
        }
    }

    /** The README at the root of the repository (the tests run in cli/). */
    private static Path readme() {
        Path p = Path.of(System.getProperty("readme", "../README.md"));
        assertThat(p).exists();
        return p;
    }

    /** The command lines of the marked fenced blocks, continuation lines joined. */
    static List<String> markedCommands(List<String> readme) {
        return markedCommands(readme, MARKER);
    }

    /** The command lines of the fenced blocks after {@code marker}, continuation lines joined. */
    static List<String> markedCommands(List<String> readme, String marker) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).strip().equals(marker)) {
                continue;
            }
            assertThat(readme.get(i + 1)).as("a fenced block follows the marker").startsWith("```");
            StringBuilder cmd = new StringBuilder();
            for (int j = i + 2; !readme.get(j).startsWith("```"); j++) {
                String line = readme.get(j);
                if (line.endsWith("\\")) {
                    cmd.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                cmd.append(line);
                if (!cmd.toString().isBlank()) {
                    commands.add(cmd.toString().strip());
                }
                cmd.setLength(0);
            }
        }
        return commands;
    }

    private void installLaunchers() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        write(bin.resolve("sentinel"), "#!/usr/bin/env bash\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -Xmx1g -jar '"
                + SentinelProcess.jar().toAbsolutePath() + "' \"$@\"\n");
        write(bin.resolve("build"), "#!/usr/bin/env bash\n# the jar under test is built already\nexit 0\n");
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Ran(int exit, String out, String err) {
    }

    private Ran bash(String command) throws Exception {
        Path out = Files.createTempFile(dir, ".out", ".txt");
        Path err = Files.createTempFile(dir, ".err", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail\n" + command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("SOURCE_DATE_EPOCH");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("README command did not finish in 180 s: " + command);
        }
        Ran r = new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
