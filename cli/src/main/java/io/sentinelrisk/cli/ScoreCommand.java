package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel score}: score new data with a saved bundle and export. */
@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Score new data with a saved bundle and export alerts, scorecard and report.",
        description = {"Scores a CSV with a bundle saved by 'sentinel train' and exports alerts, scorecard and report. "
            + "The input must have the columns the model was trained on."})
final class ScoreCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ScoreCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    ExportOptions exports;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.srb", description = "The bundle to score with.")
    Path model;

    @Option(names = "--threads", paramLabel = "N", description = ConfigOverrides.THREADS_HELP)
    Integer threads;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        Runnable summary;
        try (Progress progress = Progress.start("score", 4)) {
            Pipeline pipeline = Bundles.read(model);
            Map<String, Object> flags = CommandSupport.overrides(null, input, exports);
            flags.put("threads", threads);
            SentinelConfig cfg = pipeline.config().withOverrides(flags, "flags");
            watch.lap("load_model");
            progress.step("reading " + input.input);
            EventScorer scorer = new EventScorer(pipeline);
            Dataset data = CommandSupport.loadForScoring(input, cfg, scorer);
            watch.lap("read");
            LOG.info("read {} rows × {} columns from {}", data.rows(), data.frame().columnCount(), data.source());
            progress.step("scoring");
            ScoredBatch scores = pipeline.score(data.frame(), data.source(), cfg.effectiveThreads());
            watch.lap("score");
            ScoredData scored = new ScoredData(data.source(), data.frame(), scores, pipeline, data.labels(), data.lineNumbers());
            progress.step("exporting");
            SummaryReport report = SummaryReport.build("score", scored, model.toString(), watch.laps());
            Outputs.write(exports, scored, cfg.topN(), ',', report);
            CommandSupport.writeState(input, scorer);
            summary = () -> Outputs.printSummary(spec.commandLine().getOut(), scored, report, 5);
        }
        summary.run();   // after the progress bar is gone
        return 0;
    }
}
