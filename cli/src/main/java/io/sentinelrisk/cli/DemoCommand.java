package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.TrainedPipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.synth.soc.SocGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel demo}: the whole pipeline on generated SOC telemetry with planted attacks. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the whole pipeline on generated security telemetry with planted attacks.",
        description = {"Generates labelled security telemetry (logins and transfers with planted exfiltration,",
            "impossible travel and brute-force attacks), trains, scores, explains and exports."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExportOptions exports;

    @Mixin
    ConfigOverrides overrides;

    @Option(names = "--samples", defaultValue = "5000", paramLabel = "N", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--anomalies", defaultValue = "100", paramLabel = "K", description = "Attacks among them (default: ${DEFAULT-VALUE}).")
    int anomalies;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML or JSON config; flags override it.")
    Path config;

    @Option(names = "--persist", paramLabel = "FILE.srb", description = "Save the fitted bundle here.")
    Path persist;

    @Option(names = "--save-data", paramLabel = "FILE.csv", description = "Save the generated data (with label and scenario columns) here.")
    Path saveData;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        Map<String, Object> flags = CommandSupport.overrides(overrides, null, exports);
        SentinelConfig cfg = SentinelConfig.load(config, flags);
        Frame generated = SocGenerator.demo(samples, anomalies, cfg.randomState());
        if (saveData != null) {
            CsvWriter.writeFrame(generated, saveData, ',');
        }
        Frame frame = withAnswerColumnsHidden(generated);
        int[] labels = labels(generated.column("label"));
        watch.lap("generate");
        TrainedPipeline trained = new PipelineTrainer(cfg).fit(frame, labels);
        Pipeline pipeline = trained.pipeline();
        watch.lap("fit");
        if (persist != null) {
            Bundles.write(pipeline, persist, Bundles.createdAt());
        }
        ScoredBatch scores = trained.baselineScores(frame, "demo", cfg.effectiveThreads());
        watch.lap("score");
        ScoredData scored = new ScoredData("demo", frame, scores, pipeline, labels, null);
        Map<String, Object> report = SummaryReport.build("demo", scored, persist == null ? null : persist.toString(), watch.laps());
        Outputs.write(exports, scored, cfg.topN(), ',', report);
        Outputs.printSummary(spec.commandLine().getOut(), scored, report, 5);
        return 0;
    }

    private static Frame withAnswerColumnsHidden(Frame frame) {
        List<Field> fields = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            fields.add(f.name().equals("label") ? f.withRole(ColumnRole.LABEL)
                    : f.name().equals("scenario") ? f.withRole(ColumnRole.IGNORE) : f);
        }
        return frame.withSchema(new Schema(fields));
    }

    private static int[] labels(Column column) {
        double[] v = ((Column.Numeric) column).values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == 1 ? 1 : 0;
        }
        return out;
    }
}
