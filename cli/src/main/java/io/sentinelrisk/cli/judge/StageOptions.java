package io.sentinelrisk.cli.judge;

import io.sentinelrisk.cli.Output;
import io.sentinelrisk.core.pipeline.JudgePipelineConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every stage of the judge's pipeline reads: the pipeline config, the artifact folder, flags that override the config. */
public final class StageOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Pipeline config (YAML or JSON): input, labels, model, autoencoder, judge, evaluate sections; see docs/judge.md.")
    Path config;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "Folder for every stage's artifacts (labels.csv, autoencoder.srb, embedding.csv, judge.srb, evaluation.json) "
                    + "and stamps.")
    @Output(directory = true)
    Path outDir;

    @Option(names = {"-i", "--input"}, paramLabel = "CSV", description = "Training data; overrides the config's 'input'.")
    Path input;

    @Option(names = "--features", paramLabel = "SPEC",
            description = "Add point-in-time features first, from a feature spec (YAML) or pack:soc, pack:web-session, "
                    + "pack:transactions, pack:metrics, computed from the raw events of the training and evaluation data; "
                    + "the bundle keeps the plan, so score and predict need no flag. Overrides the config's 'features'.")
    String features;

    @Option(names = "--evaluate-input", paramLabel = "CSV", description = "Labelled data to evaluate on; overrides 'evaluate.input'.")
    Path evaluateInput;

    @Option(names = "--leave-out", paramLabel = "SCENARIO",
            description = "Leave this scenario's rows out of training and evaluate on it alone with the normal rows; overrides 'labels.leave_out'.")
    String leaveOut;

    @Option(names = "--true-fraction", paramLabel = "F",
            description = "Share of the true labels kept (0: heuristics only); overrides 'labels.true_fraction' (default: 1).")
    Double trueFraction;

    @Option(names = "--force", description = "Run the stages even when their inputs are unchanged (default: skip those).")
    boolean force;

    JudgePipelineConfig load() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("input", input == null ? null : input.toAbsolutePath().toString());
        o.put("evaluate.input", evaluateInput == null ? null : evaluateInput.toAbsolutePath().toString());
        o.put("features", features == null || features.startsWith("pack:") ? features : Path.of(features).toAbsolutePath().toString());
        o.put("labels.leave_out", leaveOut);
        o.put("labels.true_fraction", trueFraction);
        return JudgePipelineConfig.load(config, o);
    }

    JudgeStages stages(java.io.PrintWriter out) {
        return new JudgeStages(load(), config, outDir, force, out);
    }
}
