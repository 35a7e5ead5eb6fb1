package io.sentinelrisk.cli;

import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.ScorecardExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.StreamedSummary;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.export.TopRows;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.BlockSource;
import io.sentinelrisk.core.ingest.DatasetBlocks;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.LabelReader;
import io.sentinelrisk.core.pipeline.KeptRowScores;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * Scores an input block by block with a pipeline and writes the outputs as it goes
 * (docs/input.md, "Files of any size"): the scorecard row by row, the top-N alerts and the
 * report at the end. Memory holds one block, the top-N rows and the report's totals, whatever
 * the file's size. {@code score} scores with a saved bundle this way, and {@code train} scores
 * its input with the model it has just fitted on a sample of it.
 *
 * <p>Reading the next block and writing the last one run on threads of their own while this one
 * scores (in order, one block at a time each: the outputs are those of one thread), so on two
 * cores the steps overlap; the timings' read and write are then the time spent waiting for them.
 */
final class StreamedScoring {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedScoring.class);

    private StreamedScoring() {
    }

    /**
     * Reads, scores and writes {@code input} block by block; returns what prints the summary
     * (to run once the progress bar is gone).
     *
     * @param command   the report's command (score, train)
     * @param modelPath the bundle's path for the report, or null when none was saved
     * @param shown     top alerts printed on the terminal
     */
    static Runnable run(String command, Pipeline pipeline, SentinelConfig cfg, InputOptions input, ExportOptions exports,
                        String modelPath, int blockRows, Stopwatch watch, Progress progress, PrintWriter out, int shown) {
        return run(command, pipeline, cfg, input, exports, modelPath,
                DatasetBlocks.open(input.input, cfg, input.labelColumn != null, pipeline.inputSchema(), blockRows),
                null, null, watch, progress, out, shown);
    }

    /**
     * {@link #run(String, Pipeline, SentinelConfig, InputOptions, ExportOptions, String, int, Stopwatch, Progress, PrintWriter, int)}
     * on blocks already at hand (read as the pipeline reads them: its types and roles); closes them.
     * {@code alongside}, when not null, is work running beside the scoring (train's bundle being
     * saved): awaited, its failure thrown, once every block is scored and before any output is
     * committed; the time waited for it is its step {@code save}. {@code keptScores}, when not
     * null, holds the raw scores of every block in order (train scored them with its fit): they are
     * calibrated, not walked again.
     */
    static Runnable run(String command, Pipeline pipeline, SentinelConfig cfg, InputOptions input, ExportOptions exports,
                        String modelPath, BlockSource blockSource, KeptRowScores keptScores, Future<?> alongside,
                        Stopwatch watch, Progress progress, PrintWriter out, int shown) {
        int topN = cfg.topN();
        TopRows top = new TopRows(Math.max(topN, shown));
        String source = input.input.toString();
        StreamedSummary totals;
        SummaryReport report;
        try (BlockSource blocks = blockSource;
             AtomicFile.Pending card = exports.csv == null ? null : AtomicFile.open(exports.csv);
             BackgroundStep reader = new BackgroundStep("sentinel-read");
             BackgroundStep writer = new BackgroundStep("sentinel-write")) {
            StreamedSummary summary = new StreamedSummary(blocks.labelled() || input.labels != null, exports.report != null);
            totals = summary;
            // the reading thread adds each block to the data profile (and builds it once the last
            // block is scored: see below)
            Callable<Dataset> readNext = () -> {
                Dataset next = blocks.next();
                if (next != null) {
                    summary.profile(next.frame());
                }
                return next;
            };
            LazyRows rows = null;
            watch.lap("read");
            long first = 0;
            int threadCount = cfg.effectiveThreads();
            Future<Dataset> nextBlock = reader.submit(readNext);
            Future<?> written = null;
            Future<?> previous = null;
            while (true) {
                Dataset block = BackgroundStep.await(nextBlock);
                if (block != null) {
                    nextBlock = reader.submit(readNext);
                }
                watch.lap("read");
                if (block == null) {
                    break;
                }
                ScoredBatch s = keptScores == null ? pipeline.score(block.frame(), block.source(), threadCount)
                        : pipeline.calibrate(block.frame(), block.source(), keptScores.nextBlock(block.frame().rows()));
                ScoredData d = new ScoredData(block.source(), block.frame(), s, pipeline, block.labels(), block.lineNumbers());
                top.offer(d, first);
                watch.lap("score");
                if (card != null) {
                    // two blocks may wait for the writing thread (which writes them in order): one
                    // slow write then does not hold the scoring threads at the next block
                    if (previous != null) {
                        BackgroundStep.await(previous);
                    }
                    previous = written;
                    if (rows == null) {
                        rows = new LazyRows(card);
                    }
                    LazyRows scorecard = rows;
                    long at = first;
                    written = writer.submit(() -> {
                        scorecard.write(d, at);
                        return null;
                    });
                }
                watch.lap("write");
                totals.add(d);
                watch.lap("report");
                first += s.rows();
                LOG.debug("scored rows {} to {} of {}", first - s.rows() + 1, first, source);
            }
            LOG.info("read and scored {} rows from {}", first, source);
            // The end of the run on three threads at once (docs/benchmarks.md, "The end of a run"):
            // the reading thread builds the data profile, the writing thread writes the last blocks
            // and seals the scorecard (its last bytes flushed and handed to the disk), this one
            // ranks the labelled rows for the metrics. The scorecard is put in place after the top
            // alerts are written, as before: a failure up to then leaves no scorecard.
            Future<?> profiled = reader.submit(() -> {
                summary.closeProfile();
                return null;
            });
            Future<?> sealed = null;
            if (card != null) {
                // after the blocks' writes on the same thread; until the commit below, a failure (of a
                // write, the label file, train's bundle, the alerts) leaves no scorecard
                LazyRows scorecard = rows;
                Future<?> before = previous;
                Future<?> last = written;
                sealed = writer.submit(() -> {
                    awaitWritten(before, last);
                    if (scorecard != null) {
                        scorecard.flush();
                    }
                    card.seal();
                    return null;
                });
            }
            if (input.labels != null) {
                totals.labels(LabelReader.fromFile(input.labels, Math.toIntExact(first), source).values());
                watch.lap("read");
            }
            if (alongside != null) {
                BackgroundStep.await(alongside);
                watch.lap("save");
            }
            progress.step("exporting");
            List<Alert> alerts = exports.json == null ? null : AlertExport.alerts(top.data(), topN, top.rowNumbers());
            watch.lap("explain");
            BackgroundStep.await(profiled);
            watch.lap("read");
            // the report's timings are replaced by the final ones when it is written
            report = totals.report(command, source, modelPath, pipeline, watch.laps());
            watch.lap("report");
            if (alerts != null) {
                Outputs.writeAlerts(exports, alerts);
            }
            if (sealed != null) {
                BackgroundStep.await(sealed);
                card.commit();
            }
            watch.lap("write");
        }
        SummaryReport done = Outputs.finish(exports, report, watch);
        ScoredData kept = top.data();
        int[] rowNumbers = top.rowNumbers();
        return () -> Outputs.printSummary(out, kept, rowNumbers, done, shown);
    }

    /**
     * The scorecard's rows, made by the first block's write on the writing thread: making them
     * asks for the model id (the alert ids need it), which {@code train}'s bundle writer computes
     * beside the second pass; asked on the command's thread, it held the scoring of the next
     * blocks until the id was known (docs/benchmarks.md, "`train`: every row walked once").
     * Used by the writing thread alone.
     */
    private static final class LazyRows {
        private final AtomicFile.Pending card;
        private ScorecardExport.Rows rows;

        LazyRows(AtomicFile.Pending card) {
            this.card = card;
        }

        void write(ScoredData block, long firstRecord) {
            if (rows == null) {
                rows = new ScorecardExport.Rows(card.stream(), block, ',');
                rows.header(block.frame());
            }
            rows.write(block, firstRecord);
        }

        void flush() {
            if (rows != null) {
                rows.flush();
            }
        }
    }

    /** Waits for the last two blocks' writes, the older's failure first. */
    private static void awaitWritten(Future<?> previous, Future<?> written) {
        if (previous != null) {
            BackgroundStep.await(previous);
        }
        if (written != null) {
            BackgroundStep.await(written);
        }
    }
}
