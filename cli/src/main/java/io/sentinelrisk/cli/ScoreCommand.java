package io.sentinelrisk.cli;

import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.io.CsvBlockReader;
import io.sentinelrisk.core.detect.SequentialDetector;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sentinel score}: score new data with a saved bundle and export. A model without a
 * feature plan scores its input block by block (docs/input.md, "Files of any size"): memory
 * holds one block, the top-N rows and the report's totals, whatever the file's size.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        header = "Score new data with a saved bundle and export alerts, scorecard and report.",
        description = {"Scores a CSV with a bundle saved by 'sentinel train' and exports alerts, scorecard and report. "
            + "The input must have the columns the model was trained on."})
final class ScoreCommand implements Callable<Integer> {
    /** Looked up when first used: a static logger would start logging when picocli merely builds the command (for --help too). */
    private static Logger log() {
        return LoggerFactory.getLogger(ScoreCommand.class);
    }

    /** Top alerts printed on the terminal. */
    private static final int SHOWN = 5;

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

    @Option(names = "--block-rows", paramLabel = "N",
            description = "Most rows read, scored and written at a time (default: ${DEFAULT-VALUE}; blocks after the first "
                    + "also stop near 1 MiB of values); memory grows with it, not with the input's size. Results do not depend on it.")
    int blockRows = CsvBlockReader.DEFAULT_BLOCK_ROWS;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        if (blockRows < 1) {
            throw new ParameterException(spec.commandLine(), "--block-rows must be at least 1, got " + blockRows);
        }
        Runnable summary;
        try (Progress progress = Progress.start("score", 3)) {
            Pipeline pipeline = BundlePrefetch.read(model);
            Map<String, Object> flags = CommandSupport.overrides(null, input, exports);
            flags.put("threads", threads);
            SentinelConfig cfg = pipeline.config().withOverrides(flags, "flags");
            watch.lap("load_model");
            progress.step("reading " + input.input);
            EventScorer scorer = new EventScorer(pipeline);
            summary = streamable(pipeline) ? streamed(pipeline, cfg, watch, progress) : whole(pipeline, cfg, scorer, watch, progress);
        }
        summary.run();   // after the progress bar is gone
        return 0;
    }

    /**
     * Whether the input can be scored block by block: a model without a feature plan and no
     * entity state to read or write, and a detector that scores each row on its own. Point-in-time
     * features need the events of every entity in time order, and a sequential detector
     * ({@code stream_rcf}) continues one stream over the whole file, so their input is read whole.
     */
    private boolean streamable(Pipeline pipeline) {
        return pipeline.features().isEmpty() && input.features == null && input.state == null
                && input.stateOut == null && input.db == null
                && !(pipeline.detector() instanceof SequentialDetector);   // a stream is scored in one piece
    }

    /** Reads, scores and writes block by block; the report's totals and the top rows are all that stay. */
    private Runnable streamed(Pipeline pipeline, SentinelConfig cfg, Stopwatch watch, Progress progress) {
        return StreamedScoring.run("score", pipeline, cfg, input, exports, model.toString(), blockRows, watch, progress,
                spec.commandLine().getOut(), SHOWN);
    }

    /** Reads the whole input (with the bundle's point-in-time features), then scores and exports it. */
    private Runnable whole(Pipeline pipeline, SentinelConfig cfg, EventScorer scorer, Stopwatch watch, Progress progress) {
        Dataset data = CommandSupport.loadForScoring(input, cfg, scorer, watch);
        log().info("read {} rows × {} columns from {}", data.rows(), data.frame().columnCount(), data.source());
        ScoredBatch scores = pipeline.score(data.frame(), data.source(), cfg.effectiveThreads());
        watch.lap("score");
        ScoredData scored = new ScoredData(data.source(), data.frame(), scores, pipeline, data.labels(), data.lineNumbers());
        progress.step("exporting");
        SummaryReport report = Outputs.export(exports, scored, cfg.topN(), ',', watch,
                laps -> SummaryReport.build("score", scored, model.toString(), laps));
        CommandSupport.writeState(input, scorer);
        return () -> Outputs.printSummary(spec.commandLine().getOut(), scored, report, SHOWN);
    }
}
