package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.ScorecardExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.StreamedSummary;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.export.TopRows;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetBlocks;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvBlockReader;
import io.sentinelrisk.core.io.LabelReader;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

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
            description = "Rows read, scored and written at a time (default: ${DEFAULT-VALUE}); memory grows with it, "
                    + "not with the input's size. Results do not depend on it.")
    int blockRows = CsvBlockReader.DEFAULT_BLOCK_ROWS;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        if (blockRows < 1) {
            throw new ParameterException(spec.commandLine(), "--block-rows must be at least 1, got " + blockRows);
        }
        Runnable summary;
        try (Progress progress = Progress.start("score", 3)) {
            Pipeline pipeline = Bundles.read(model);
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

    /**
     * Reads, scores and writes block by block; the report's totals and the top rows are all that
     * stay. Reading the next block and writing the last one run on threads of their own while this
     * one scores (in order, one block at a time each: the outputs are those of one thread), so on
     * two cores the steps overlap; the timings' read and write are then the time spent waiting
     * for them.
     */
    private Runnable streamed(Pipeline pipeline, SentinelConfig cfg, Stopwatch watch, Progress progress) {
        int topN = cfg.topN();
        TopRows top = new TopRows(Math.max(topN, SHOWN));
        String source = input.input.toString();
        StreamedSummary totals;
        SummaryReport report;
        try (DatasetBlocks blocks = DatasetBlocks.open(input.input, cfg, input.labelColumn != null, pipeline.inputSchema(), blockRows);
             AtomicFile.Pending card = exports.csv == null ? null : AtomicFile.open(exports.csv);
             BackgroundStep reader = new BackgroundStep("sentinel-read");
             BackgroundStep writer = new BackgroundStep("sentinel-write")) {
            totals = new StreamedSummary(blocks.labelled() || input.labels != null);
            ScorecardExport.Rows rows = null;
            watch.lap("read");
            long first = 0;
            int threadCount = cfg.effectiveThreads();
            Future<Dataset> nextBlock = reader.submit(blocks::next);
            Future<?> written = null;
            while (true) {
                Dataset block = BackgroundStep.await(nextBlock);
                if (block != null) {
                    nextBlock = reader.submit(blocks::next);
                }
                watch.lap("read");
                if (block == null) {
                    break;
                }
                ScoredBatch s = pipeline.score(block.frame(), block.source(), threadCount);
                ScoredData d = new ScoredData(block.source(), block.frame(), s, pipeline, block.labels(), block.lineNumbers());
                top.offer(d, first);
                watch.lap("score");
                if (card != null) {
                    if (written != null) {
                        BackgroundStep.await(written);
                    }
                    if (rows == null) {
                        rows = new ScorecardExport.Rows(card.stream(), d, ',');
                        rows.header(d.frame());
                    }
                    ScorecardExport.Rows out = rows;
                    long at = first;
                    written = writer.submit(() -> {
                        out.write(d, at);
                        return null;
                    });
                }
                watch.lap("write");
                totals.add(d);
                watch.lap("report");
                first += s.rows();
                log().debug("scored rows {} to {} of {}", first - s.rows() + 1, first, source);
            }
            if (written != null) {
                BackgroundStep.await(written);
                watch.lap("write");
            }
            log().info("read and scored {} rows from {}", first, source);
            if (input.labels != null) {
                totals.labels(LabelReader.fromFile(input.labels, Math.toIntExact(first), source).values());
                watch.lap("read");
            }
            progress.step("exporting");
            List<Alert> alerts = exports.json == null ? null : AlertExport.alerts(top.data(), topN, top.rowNumbers());
            watch.lap("explain");
            if (alerts != null) {
                Outputs.writeAlerts(exports, alerts);
            }
            if (card != null) {
                if (rows != null) {
                    rows.flush();
                }
                card.commit();
            }
            watch.lap("write");
            report = totals.report("score", source, model.toString(), pipeline, watch.laps());
            watch.lap("report");
        }
        SummaryReport done = Outputs.finish(exports, report, watch);
        ScoredData kept = top.data();
        int[] rowNumbers = top.rowNumbers();
        return () -> Outputs.printSummary(spec.commandLine().getOut(), kept, rowNumbers, done, SHOWN);
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
