package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declaring the training rows clean to {@code auto}: the config key {@code detector.baseline}, the
 * flag {@code --baseline} of train and evaluate, and evaluate's semi-supervised protocol, which
 * declares it itself. The clean members are two kNN here (the default pairs knn with kde).
 */
@Tag("integration")
class BaselineE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLEAN_MEMBERS = "  clean_members:\n    - {type: knn}\n    - {type: knn, n_neighbors: 20, method: mean}\n";

    @TempDir
    static Path shared;
    static Path soc;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        soc = shared.resolve("soc.csv");
        SentinelProcess.generateSoc(shared, "--n-users", "20", "--events-per-user", "60", "--output", soc.toString());
    }

    private Path config(String name, String detectorLines) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "detector:\n  type: auto\n" + detectorLines + CLEAN_MEMBERS);
        return p;
    }

    private SentinelProcess.Result train(String... more) throws Exception {
        String[] base = {"train", "--input", soc.toString(), "--id-column", "event_id", "--seed", "3"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return SentinelProcess.run(dir, args);
    }

    @Test
    void theFlagAndTheConfigKeyDeclareTheBaselineAndTheReportSaysWhatRan() throws Exception {
        Path cfg = config("auto.yaml", "");
        SentinelProcess.Result flag = train("--config", cfg.toString(), "--baseline", "clean", "--report", "flag.json",
                "--export-csv", "flag.csv", "--model-out", "flag.srb");
        assertThat(flag.exitCode()).as(flag.err()).isZero();
        JsonNode choice = JSON.readTree(dir.resolve("flag.json").toFile()).at("/training/detector_choice");
        assertThat(choice.get("baseline").asText()).isEqualTo("clean");
        assertThat(choice.get("combination").asText()).isEqualTo("average");
        assertThat(choice.get("why").asText()).startsWith("baseline declared clean: mean of knn and knn(n_neighbors=20, method=mean)");
        assertThat(choice.get("members")).hasSize(2);

        Path keyed = config("clean.yaml", "  baseline: clean\n");
        SentinelProcess.Result key = train("--config", keyed.toString(), "--export-csv", "key.csv", "--model-out", "key.srb");
        assertThat(key.exitCode()).as(key.err()).isZero();
        assertThat(scores(dir.resolve("key.csv"))).isEqualTo(scores(dir.resolve("flag.csv")));

        // the flag wins over the file; unknown is the default and scores otherwise
        SentinelProcess.Result unknown = train("--config", keyed.toString(), "--baseline", "unknown", "--report", "u.json",
                "--export-csv", "u.csv", "--model-out", "u.srb");
        assertThat(unknown.exitCode()).as(unknown.err()).isZero();
        assertThat(JSON.readTree(dir.resolve("u.json").toFile()).at("/training/detector_choice/baseline").asText())
                .isEqualTo("unknown");
        SentinelProcess.Result none = train("--config", cfg.toString(), "--export-csv", "none.csv");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(scores(dir.resolve("none.csv"))).isEqualTo(scores(dir.resolve("u.csv")))
                .isNotEqualTo(scores(dir.resolve("flag.csv")));

        // a bundle scores as it was fitted: score takes no baseline
        for (String model : new String[] {"flag", "key", "u"}) {
            SentinelProcess.Result scored = SentinelProcess.run(dir, "score", "--input", soc.toString(), "--model",
                    model + ".srb", "--export-csv", "scored-" + model + ".csv");
            assertThat(scored.exitCode()).as(scored.err()).isZero();
        }
        assertThat(scores(dir.resolve("scored-key.csv"))).isEqualTo(scores(dir.resolve("scored-flag.csv")))
                .isNotEqualTo(scores(dir.resolve("scored-u.csv")));
    }

    @Test
    void aBadValueOrADetectorWithoutABaselineIsOneClearError() throws Exception {
        SentinelProcess.Result bad = train("--detector", "auto", "--baseline", "dirty");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip().lines().count()).as(bad.err()).isEqualTo(1);
        assertThat(bad.err()).contains("--baseline: expected unknown or clean, found 'dirty'");

        SentinelProcess.Result iforest = train("--detector", "iforest", "--baseline", "clean");
        assertThat(iforest.exitCode()).isEqualTo(2);
        assertThat(iforest.err().strip().lines().count()).as(iforest.err()).isEqualTo(1);
        assertThat(iforest.err()).contains("detector 'iforest' has no baseline, only auto has").doesNotContain("Exception");

        Path cfg = dir.resolve("bad.yaml");
        Files.writeString(cfg, "detector:\n  type: auto\n  baseline: dirty\n");
        SentinelProcess.Result key = train("--config", cfg.toString());
        assertThat(key.exitCode()).isEqualTo(2);
        assertThat(key.err().strip().lines().count()).as(key.err()).isEqualTo(1);
        assertThat(key.err()).contains("'baseline'").contains("dirty");

        SentinelProcess.Result eval = SentinelProcess.run(dir, "evaluate", "--input", soc.toString(), "--detectors",
                "iforest,knn", "--baseline", "clean");
        assertThat(eval.exitCode()).isEqualTo(2);
        assertThat(eval.err()).contains("none of the detectors evaluated (iforest, knn) has a baseline");

        assertThat(SentinelProcess.run(dir, "train", "--help").out()).contains("--baseline").contains("default: unknown");
    }

    @Test
    void evaluateDeclaresCleanForTheSemiSupervisedProtocolUnlessTold() throws Exception {
        Path cfg = config("auto.yaml", "");
        SentinelProcess.Result semi = evaluate(cfg, "semi.json");
        assertThat(semi.exitCode()).as(semi.err()).isZero();
        assertThat(semi.out()).contains("auto: baseline clean");
        JsonNode auto = JSON.readTree(dir.resolve("semi.json").toFile()).at("/detectors/1");
        assertThat(auto.get("detector").asText()).isEqualTo("auto");
        assertThat(auto.get("baseline").asText()).isEqualTo("clean");
        assertThat(auto.at("/config/detector/baseline").asText()).isEqualTo("clean");
        assertThat(JSON.readTree(dir.resolve("semi.json").toFile()).at("/detectors/0/baseline").isMissingNode()).isTrue();

        for (String protocol : new String[] {"unsupervised", "adbench"}) {
            SentinelProcess.Result r = evaluate(cfg, protocol + ".json", "--protocol", protocol);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(JSON.readTree(dir.resolve(protocol + ".json").toFile()).at("/detectors/1/baseline").asText())
                    .isEqualTo("unknown");
        }
        // --baseline, then the config's own key, win over the protocol
        SentinelProcess.Result flag = evaluate(cfg, "flag.json", "--baseline", "unknown");
        assertThat(JSON.readTree(dir.resolve("flag.json").toFile()).at("/detectors/1/baseline").asText()).as(flag.err())
                .isEqualTo("unknown");
        SentinelProcess.Result file = evaluate(config("unknown.yaml", "  baseline: unknown\n"), "file.json");
        assertThat(JSON.readTree(dir.resolve("file.json").toFile()).at("/detectors/1/baseline").asText()).as(file.err())
                .isEqualTo("unknown");

        SentinelProcess.Result html = evaluate(cfg, "h.json", "--html", "r.html");
        assertThat(html.exitCode()).as(html.err()).isZero();
        assertThat(Files.readString(dir.resolve("r.html"))).contains("normal rows, baseline clean");
    }

    private SentinelProcess.Result evaluate(Path cfg, String report, String... more) throws Exception {
        String[] base = {"evaluate", "--input", soc.toString(), "--id-column", "event_id", "--config", cfg.toString(),
                "--detectors", "knn,auto", "--top-n", "0", "--report", report};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return SentinelProcess.run(dir, args);
    }

    /** The score column of a scored CSV. */
    private static java.util.List<String> scores(Path csv) throws Exception {
        java.util.List<String> lines = Files.readAllLines(csv);
        int at = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("score");
        assertThat(at).isNotNegative();
        return lines.stream().skip(1).map(l -> l.split(",")[at]).toList();
    }
}
