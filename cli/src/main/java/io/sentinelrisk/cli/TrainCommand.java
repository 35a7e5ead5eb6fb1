package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.pipeline.TrainedPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sentinel train}: fit on a baseline, save the bundle, score the baseline and export. */
@Command(name = "train", mixinStandardHelpOptions = true,
        header = "Fit a model on a baseline, save it as a bundle, score and export the baseline.",
        description = {"Fits preparation, detector and calibration on a baseline CSV, saves them as one bundle, "
            + "and scores the baseline itself (with labels: precision, recall, ROC AUC, ...)."})
final class TrainCommand implements Callable<Integer> {
    /** Looked up when first used: a static logger would start logging when picocli merely builds the command (for --help too). */
    private static Logger log() {
        return LoggerFactory.getLogger(TrainCommand.class);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    ExportOptions exports;

    @Mixin
    ConfigOverrides overrides;

    @Mixin
    MappingOption mapping;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML or JSON config; see 'sentinel config defaults'. Flags override it.")
    Path config;

    @Option(names = {"-m", "--model-out"}, paramLabel = "FILE.srb", description = "Where to save the fitted bundle.")
    @Output
    Path modelOut;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        Runnable summary;
        try (Progress progress = Progress.start("train", 5)) {
            SentinelConfig cfg = SentinelConfig.load(config, CommandSupport.overrides(overrides, input, exports));
            watch.lap("config");
            progress.step("reading " + input.input);
            CommandSupport.Training training = CommandSupport.loadForTraining(input, cfg, watch);
            Dataset data = training.data();
            BusinessMapping business = mapping.load(data.frame().schema());
            watch.lap("config");
            log().info("read {} rows × {} columns from {}", data.rows(), data.frame().columnCount(), data.source());
            progress.step("fitting " + cfg.detectorType());
            TrainedPipeline trained = new PipelineTrainer(cfg).fit(data.frame(), data.labels());
            Pipeline pipeline = MappingOption.apply(training.withFeatures(trained.pipeline()), business);
            watch.lap("fit");
            progress.step("saving");
            if (modelOut != null) {
                Bundles.write(pipeline, modelOut, Bundles.createdAt());
                log().info("saved the model to {}", modelOut);
            }
            training.writeState(input);
            watch.lap("save");
            progress.step("scoring");
            ScoredBatch scores = trained.baselineScores(data.frame(), data.source(), cfg.effectiveThreads());
            watch.lap("score");
            ScoredData scored = new ScoredData(data.source(), data.frame(), scores, pipeline, data.labels(), data.lineNumbers());
            progress.step("exporting");
            SummaryReport report = Outputs.export(exports, scored, cfg.topN(), ',', watch, laps -> SummaryReport.build("train",
                    scored, modelOut == null ? null : modelOut.toString(), laps));
            summary = () -> Outputs.printSummary(spec.commandLine().getOut(), scored, report, 5);
        }
        summary.run();   // after the progress bar is gone
        return 0;
    }
}
