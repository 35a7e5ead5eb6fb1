package io.sentinelrisk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged command with the forest's walk in C (the library the build put beside the jar) and
 * without it (a library path that does not exist): the same scorecards, alerts and bundles, byte
 * for byte, and the debug log says which walk ran.
 */
class ForestWalkInCE2ETest {
    private static final String IN_C = "isolation forest: the walk in C";
    private static final String IN_JAVA = "isolation forest: the walk in Java";

    @TempDir
    Path dir;

    @Test
    void theWalkInCAndTheJavaWalkGiveTheSameBytes() throws Exception {
        Path library = SentinelProcess.jar().toAbsolutePath().resolveSibling("libsentinel-forest.so");
        assumeTrue(Files.exists(library), "the build made no library (no gcc)");
        writeNumbers(dir.resolve("data.csv"), 5000, 6);
        String missing = "-Dsentinel.forest.native=" + dir.resolve("missing.so");
        // as bin/sentinel runs a small input: the quick compiler alone and the Java walk on keys (the
        // Java walk on doubles, for the optimising compiler, equals it: CompleteForestKeyWalkTest)
        String quick = "-XX:TieredStopAtLevel=1 -Dsentinel.c1only=true";
        for (boolean c : new boolean[] {true, false}) {
            String side = c ? "c" : "java";
            // SentinelProcess names the library as bin/sentinel does; a later -D wins
            Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1",
                    "SENTINEL_JAVA_OPTS", ((c ? "" : missing) + " " + quick).strip());
            SentinelProcess.Result train = SentinelProcess.run(dir, env, "train", "-i", "data.csv", "-m", side + ".srb",
                    "--export-csv", side + "-train.csv", "--log-level", "DEBUG");
            assertThat(train.exitCode()).as(train.err()).isZero();
            assertThat(train.err()).contains(c ? IN_C : IN_JAVA);
            SentinelProcess.Result score = SentinelProcess.run(dir, env, "score", "-i", "data.csv", "-m", "c.srb",
                    "--export-csv", side + "-score.csv", "--export-json", side + "-top.json", "--log-level", "DEBUG");
            assertThat(score.exitCode()).as(score.err()).isZero();
            assertThat(score.err()).contains(c ? IN_C : IN_JAVA);
        }
        for (String file : new String[] {"%s.srb", "%s-train.csv", "%s-score.csv", "%s-top.json"}) {
            assertThat(Files.readAllBytes(dir.resolve(file.formatted("c"))))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve(file.formatted("java"))));
        }
    }

    /** Gaussian rows (seeded), every 97th scaled by 6: a few outliers. */
    private static void writeNumbers(Path file, int rows, int cols) throws Exception {
        Random rnd = new Random(13);
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            sb.append(c == 0 ? "" : ",").append("x").append(c);
        }
        sb.append('\n');
        for (int r = 0; r < rows; r++) {
            double scale = r % 97 == 0 ? 6 : 1;
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ",").append(scale * rnd.nextGaussian());
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
    }
}
