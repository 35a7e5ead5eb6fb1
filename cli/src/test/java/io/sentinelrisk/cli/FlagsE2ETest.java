package io.sentinelrisk.cli;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 14, through the real command: one flag name per concept (old names hidden but
 * working), config defaults in every --help, help text that fits 80 columns, and usage errors as
 * one line pointing at --help, exit 2.
 */
class FlagsE2ETest {
    @TempDir
    Path dir;

    /** Every command and subcommand a user can run. */
    static Stream<List<String>> commands() {
        return Stream.of(List.of("train"), List.of("score"), List.of("predict"), List.of("evaluate"), List.of("demo"),
                List.of("config", "defaults"), List.of("config", "check"), List.of("generate", "soc"),
                List.of("generate", "web-sessions"), List.of("generate", "transactions"), List.of("generate", "metrics"),
                List.of("inject"), List.of("features", "build"), List.of("features", "sql"), List.of("features", "show"),
                List.of("features", "packs"), List.of("ingest"), List.of("serve"), List.of("keys", "create"),
                List.of("keys", "list"), List.of("keys", "revoke"), List.of("pipeline", "run"), List.of("judge", "autoencoder"),
                List.of("judge", "embed"), List.of("judge", "train"), List.of("judge", "evaluate"), List.of("feedback", "stats"),
                List.of("retrain"), List.of("entities"), List.of("incidents"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aMistypedOptionIsOneLinePointingAtHelp(List<String> cmd) throws Exception {
        String name = "sentinel " + String.join(" ", cmd);
        SentinelProcess.Result r = SentinelProcess.run(dir, args(cmd, "--no-such-flag", "1"));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String err = r.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).startsWith(name + ": error: ").contains("--no-such-flag").endsWith("see '" + name + " --help'");
    }

    @Test
    void aMisspeltOptionGetsASuggestionEvenWhenARequiredOneIsMissing() throws Exception {
        SentinelProcess.Result r = SentinelProcess.run(dir, "train", "--inptu", "x.csv");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("sentinel train: error: Unknown option: '--inptu'").contains("did you mean --input");
        SentinelProcess.Result none = SentinelProcess.run(dir);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip().lines().count()).isEqualTo(1);
        assertThat(none.err()).startsWith("sentinel: error: Missing command").contains("see 'sentinel --help'");
        SentinelProcess.Result typo = SentinelProcess.run(dir, "trian", "--input", "x.csv");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err().strip()).isEqualTo("sentinel: error: Unknown command: 'trian' (did you mean train?); "
                + "see 'sentinel --help'");
        for (String group : List.of("config", "generate", "features", "keys", "pipeline", "judge", "feedback")) {
            SentinelProcess.Result bare = SentinelProcess.run(dir, group);
            assertThat(bare.exitCode()).isEqualTo(2);
            assertThat(bare.err().strip()).startsWith("sentinel " + group + ": error: Missing ").contains("choose one of");
        }
        SentinelProcess.Result value = SentinelProcess.run(dir, "generate", "soc", "-o", "x.csv", "--seed", "many");
        assertThat(value.exitCode()).isEqualTo(2);
        assertThat(value.err().strip()).startsWith("sentinel generate soc: error: ").contains("'many'").doesNotContain("Usage");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpFitsEightyColumnsAndHidesTheOldNames(List<String> cmd) throws Exception {
        String out = help(cmd.toArray(String[]::new));
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).length()).as(lines.get(i)).isLessThanOrEqualTo(80);
            // an example is never wrapped: its continuation lines are indented, after a '\'
            if (lines.get(i).startsWith("  sentinel ") && i + 1 < lines.size() && !lines.get(i + 1).isBlank()) {
                assertThat(lines.get(i + 1)).as("line after " + lines.get(i)).startsWith("  ");
            }
        }
        for (String old : List.of("--random-state", "--persist", "--anomaly-fraction", "--fraud-fraction", "--anomalies",
                "--path", "--top-k", "--k=")) {
            assertThat(out).as(String.join(" ", cmd)).doesNotContain(old);
        }
        // --log-level is declared once and inherited: the same entry everywhere
        assertThat(option(out, "--log-level")).isEqualTo(option(help("train"), "--log-level"));
    }

    @Test
    void helpShowsTheConfigDefaults() throws Exception {
        SentinelConfig d = SentinelConfig.defaults();
        String bands = d.severityBands().stream().map(String::valueOf).collect(Collectors.joining(","));
        Object trees = Detectors.byType(d.detectorType()).params().stream().filter(p -> p.name().equals("n_estimators"))
                .map(ParamSpec::defaultValue).findFirst().orElseThrow();
        for (String cmd : List.of("train", "evaluate", "demo")) {
            String help = help(cmd);
            assertThat(option(help, "--contamination")).contains("default: " + d.contamination());
            assertThat(option(help, "--seed")).contains("default: " + d.randomState());
            assertThat(option(help, "--threads")).contains("default: " + d.threads());
            assertThat(option(help, "--severity-bands")).contains("default: " + bands);
            assertThat(option(help, "--n-estimators")).contains(": " + trees + ")");
        }
        assertThat(option(help("train"), "--top-n")).contains("default: " + d.topN());
        assertThat(option(help("generate", "soc"), "--seed")).contains("default: " + d.randomState());
        // --threads says the same wherever it is
        String threads = option(help("train"), "--threads");
        for (String cmd : List.of("score", "predict", "evaluate", "demo")) {
            assertThat(option(help(cmd), "--threads")).isEqualTo(threads);
        }
    }

    @Test
    void oldNamesStillWork() throws Exception {
        SentinelProcess.Result a = SentinelProcess.run(dir, "generate", "transactions", "--cards", "20", "-o", "a.csv",
                "--seed", "7", "--contamination", "0.05");
        SentinelProcess.Result b = SentinelProcess.run(dir, "generate", "transactions", "--cards", "20", "-o", "b.csv",
                "--random-state", "7", "--fraud-fraction", "0.05");
        SentinelProcess.Result c = SentinelProcess.run(dir, "generate", "transactions", "--cards", "20", "-o", "c.csv");
        assertThat(List.of(a.exitCode(), b.exitCode(), c.exitCode())).containsOnly(0);
        assertThat(Files.readString(dir.resolve("b.csv"))).isEqualTo(Files.readString(dir.resolve("a.csv")))
                .isNotEqualTo(Files.readString(dir.resolve("c.csv")));
        SentinelProcess.Result s1 = SentinelProcess.run(dir, "generate", "soc", "--n-users", "5", "--events-per-user", "40",
                "-o", "s1.csv", "--contamination", "0.05");
        SentinelProcess.Result s2 = SentinelProcess.run(dir, "generate", "soc", "--n-users", "5", "--events-per-user", "40",
                "-o", "s2.csv", "--anomaly-fraction", "0.05");
        assertThat(s1.out()).contains("10 anomalous");
        assertThat(Files.readString(dir.resolve("s2.csv"))).isEqualTo(Files.readString(dir.resolve("s1.csv")));
        SentinelProcess.Result bad = SentinelProcess.run(dir, "generate", "web-sessions", "-o", "w.csv", "--anomaly-fraction", "0.9");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).endsWith("--contamination: expected a number in [0, 0.5], found 0.9");
    }

    @Test
    void ingestTakesInputAndStillPath() throws Exception {
        Files.writeString(dir.resolve("e.csv"), "user,ts,v\nu1,2024-01-01T00:00:00Z,1\nu2,2024-01-01T01:00:00Z,2\n");
        SentinelProcess.Result r = SentinelProcess.run(dir, "ingest", "--source", "csv", "--input", "e.csv", "--db",
                "duckdb:a.duckdb", "--table", "ev");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ev: 2 rows");
        SentinelProcess.Result old = SentinelProcess.run(dir, "ingest", "--source", "csv", "--path", "e.csv", "--db",
                "duckdb:b.duckdb", "--table", "ev");
        assertThat(old.exitCode()).as(old.err()).isZero();
        assertThat(old.out()).contains("ev: 2 rows");
        SentinelProcess.Result none = SentinelProcess.run(dir, "ingest", "--source", "csv", "--db", "duckdb:c.duckdb");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("sentinel ingest: error: Missing required option: '--input=PATH'; "
                + "see 'sentinel ingest --help'");
    }

    private static final java.util.Map<List<String>, String> HELP = new java.util.concurrent.ConcurrentHashMap<>();

    /** A command's --help output (run once per command: each run starts a JVM). */
    private String help(String... cmd) throws Exception {
        String known = HELP.get(List.of(cmd));
        if (known != null) {
            return known;
        }
        SentinelProcess.Result h = SentinelProcess.run(dir, args(List.of(cmd), "--help"));
        assertThat(h.exitCode()).isZero();
        // a lone '%' in a description is a format error: picocli warns on stderr and prints it raw
        assertThat(h.err()).as(String.join(" ", cmd)).doesNotContain("picocli WARN");
        HELP.put(List.of(cmd), h.out());
        return h.out();
    }

    /** The help entry of one option: its line and the indented lines that continue it, joined. */
    private static String option(String help, String name) {
        List<String> lines = help.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith(name + "=") || t.startsWith(name + " ") || t.matches("-\\w, " + name + "\\b.*")) {
                List<String> entry = new ArrayList<>(List.of(t));
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("      ") && !lines.get(j).strip().startsWith("-"); j++) {
                    entry.add(lines.get(j).strip());
                }
                return String.join(" ", entry).replaceAll("\\s+", " ");
            }
        }
        throw new AssertionError(name + " is not in the help:\n" + help);
    }

    private static String[] args(List<String> cmd, String... more) {
        return Stream.concat(cmd.stream(), Stream.of(more)).toArray(String[]::new);
    }
}
