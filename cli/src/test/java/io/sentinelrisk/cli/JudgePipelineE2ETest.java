package io.sentinelrisk.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sentinel pipeline run} and the {@code sentinel judge} stages as the packaged command: one bundle, resumable stages. */
@Timeout(300)
@Tag("integration")
class JudgePipelineE2ETest {
    @TempDir
    Path dir;

    private static final String RULES = """
            rules:
              - name: failed_login_storm
                when: failed_attempts >= 10
              - name: far_from_untrusted_device
                when: device_trusted == false and geo_distance_km > 2500
            """;

    private static String config(int trees) {
        return """
                input: train.csv
                labels:
                  heuristics: rules.yaml
                  true_fraction: 0.5
                model:
                  id_columns: [event_id]
                  ignore_columns: [user, timestamp, device_id]
                autoencoder:
                  hidden_layers: [16, 4, 16]
                  epochs: 5
                judge:
                  n_estimators: %d
                  max_depth: 3
                evaluate:
                  input: test.csv
                  baselines: true
                """.formatted(trees);
    }

    @Test
    void pipelineRunWritesOneBundleAndStagesResume() throws Exception {
        for (String[] g : new String[][] {{"train.csv", "1"}, {"test.csv", "2"}}) {
            SentinelProcess.Result gen = SentinelProcess.run(dir, "generate", "soc", "-o", g[0], "--n-users", "30",
                    "--events-per-user", "60", "--contamination", "0.05", "--seed", g[1]);
            assertThat(gen.exitCode()).as(gen.err()).isZero();
        }
        Files.writeString(dir.resolve("rules.yaml"), RULES);
        Files.writeString(dir.resolve("pipeline.yaml"), config(30));

        SentinelProcess.Result run = SentinelProcess.run(dir, "pipeline", "run", "--config", "pipeline.yaml", "--out-dir", "out",
                "--model-out", "judge.srb");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stage autoencoder: labels {verdicts=0, true_labels=").contains("stage train: judge on")
                .contains("hybrid_judge").contains("isolation_forest").contains("heuristics").contains("xgboost_raw_features");
        assertThat(Files.readAllBytes(dir.resolve("judge.srb"))).isEqualTo(Files.readAllBytes(dir.resolve("out/judge.srb")));
        for (String f : new String[] {"labels.csv", "autoencoder.srb", "embedding.csv", "evaluation.json", "train.stamp.json"}) {
            assertThat(dir.resolve("out").resolve(f)).exists();
        }
        assertThat(Files.readString(dir.resolve("out/evaluation.json"))).containsPattern("\"method\"\\s*:\\s*\"hybrid_judge\"")
                .contains("fp_per_1000_at_recall_80");

        // nothing changed: every stage is skipped
        SentinelProcess.Result again = SentinelProcess.run(dir, "pipeline", "run", "--config", "pipeline.yaml", "--out-dir", "out");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out().lines().filter(l -> l.endsWith("skipped")).count()).isEqualTo(4);

        // the judge's section changed: the autoencoder stage is kept, train runs again
        Files.writeString(dir.resolve("pipeline.yaml"), config(40));
        SentinelProcess.Result ae = SentinelProcess.run(dir, "judge", "autoencoder", "--config", "pipeline.yaml", "--out-dir", "out");
        assertThat(ae.out()).contains("stage autoencoder: up to date");
        SentinelProcess.Result train = SentinelProcess.run(dir, "judge", "train", "--config", "pipeline.yaml", "--out-dir", "out");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.out()).startsWith("stage train: judge on");
        SentinelProcess.Result train2 = SentinelProcess.run(dir, "judge", "train", "--config", "pipeline.yaml", "--out-dir", "out");
        assertThat(train2.out()).contains("stage train: up to date");

        // the bundle scores on the one record path: the alert carries the judge's verdict
        SentinelProcess.Result score = SentinelProcess.run(dir, "score", "--input", "test.csv", "--model", "out/judge.srb",
                "--export-json", "top.json");
        assertThat(score.exitCode()).as(score.err()).isZero();
        assertThat(Files.readString(dir.resolve("top.json"))).containsPattern("\"judge\"\\s*:\\s*\\{\\s*\"probability\"")
                .contains("\"attributions\"");
    }

    @Test
    void aBadConfigIsOneLocatedLineAndExit2() throws Exception {
        Files.writeString(dir.resolve("p.yaml"), "input: x.csv\njudge:\n  n_estimator: 10\n");
        SentinelProcess.Result r = SentinelProcess.run(dir, "pipeline", "run", "--config", "p.yaml", "--out-dir", "out");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("sentinel pipeline run: error: p.yaml:3:")
                .contains("unknown key 'n_estimator'");
        Files.writeString(dir.resolve("s.yaml"), "input: x.csv\njudge:\n  n_estimators: 10\n  early_stopping_rounds: -1\n");
        SentinelProcess.Result stop = SentinelProcess.run(dir, "pipeline", "run", "--config", "s.yaml", "--out-dir", "out");
        assertThat(stop.exitCode()).isEqualTo(2);
        assertThat(stop.err().strip()).doesNotContain("\n").startsWith("sentinel pipeline run: error: s.yaml:4:3:")
                .contains("'early_stopping_rounds' must be 0 (off) or at least 1, found -1");
        Files.writeString(dir.resolve("r.yaml"), "rules:\n  - name: a\n    when: failed_attempts >> 3\n");
        Files.writeString(dir.resolve("q.yaml"), "input: x.csv\nlabels:\n  heuristics: r.yaml\n");
        Files.writeString(dir.resolve("x.csv"), "failed_attempts,label\n1,0\n");
        SentinelProcess.Result rules = SentinelProcess.run(dir, "judge", "autoencoder", "--config", "q.yaml", "--out-dir", "out");
        assertThat(rules.exitCode()).isEqualTo(2);
        assertThat(rules.err().strip()).doesNotContain("\n").contains("r.yaml:3:").contains("condition 'failed_attempts >> 3'");
        assertThat(dir.resolve("out/autoencoder.srb")).doesNotExist();
    }
}
