package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.detect.stream.StreamRcfFactory;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.BlockSource;
import io.sentinelrisk.core.ingest.DatasetBlocks;
import io.sentinelrisk.core.ingest.KeptBlocks;
import io.sentinelrisk.core.ingest.RowReservoir;
import io.sentinelrisk.core.io.CsvBlockReader;
import io.sentinelrisk.core.io.LabelReader;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.ColumnFacts;
import io.sentinelrisk.core.pipeline.KeptRowScores;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * {@code sentinel train}: fit on a baseline, save the bundle, score the baseline and export.
 * An input of more rows than {@code --train-sample} is read in two passes of blocks (docs/input.md,
 * "Files of any size"): the first keeps a uniform sample of rows to fit on, the second scores every
 * row and writes the outputs as it goes, so memory does not grow with the file.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        header = "Fit a model on a baseline, save it as a bundle, score and export the baseline.",
        description = {"Fits preparation, detector and calibration on a baseline CSV, saves them as one bundle, "
            + "and scores the baseline itself (with labels: precision, recall, ROC AUC, ...)."})
final class TrainCommand implements Callable<Integer> {
    /** Looked up when first used: a static logger would start logging when picocli merely builds the command (for --help too). */
    private static Logger log() {
        return LoggerFactory.getLogger(TrainCommand.class);
    }

    /** Top alerts printed on the terminal. */
    private static final int SHOWN = 5;

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

    @Mixin
    BaselineOption baseline;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML or JSON config; see 'sentinel config defaults'. Flags override it.")
    Path config;

    /** Rows fitted on by default: every tree of a default isolation forest draws its 256 from them, and medians, scales and calibration quantiles of 100,000 rows are within a fraction of a percent in rank. */
    static final int DEFAULT_TRAIN_SAMPLE = 100_000;

    @Option(names = "--train-sample", paramLabel = "N",
            description = "Fit on a uniform random sample of N rows (seeded by random_state) when the input has more, "
                    + "read in one pass in bounded memory, then score every row in a second pass (default: ${DEFAULT-VALUE}). "
                    + "An input of at most N rows is fitted on whole.")
    int trainSample = DEFAULT_TRAIN_SAMPLE;

    @Option(names = "--block-rows", paramLabel = "N",
            description = "With an input larger than --train-sample: the most rows read at a time in each pass (default: ${DEFAULT-VALUE}). "
                    + "Results do not depend on it.")
    int blockRows = CsvBlockReader.DEFAULT_BLOCK_ROWS;

    @Option(names = {"-m", "--model-out"}, paramLabel = "FILE.srb", description = "Where to save the fitted bundle.")
    @Output
    Path modelOut;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        if (trainSample < PipelineTrainer.MIN_TRAINING_ROWS) {
            throw new ParameterException(spec.commandLine(), "--train-sample must be at least "
                    + PipelineTrainer.MIN_TRAINING_ROWS + ", got " + trainSample);
        }
        if (blockRows < 1) {
            throw new ParameterException(spec.commandLine(), "--block-rows must be at least 1, got " + blockRows);
        }
        Runnable summary;
        // Closed after the rest: a failure while scoring still leaves the bundle written whole, as
        // when it was saved before scoring began.
        try (BackgroundStep saver = new BackgroundStep("sentinel-save");
             Progress progress = Progress.start("train", 5)) {
            SentinelConfig cfg = baseline.apply(SentinelConfig.load(config, CommandSupport.overrides(overrides, input, exports)));
            watch.lap("config");
            progress.step("reading " + input.input);
            Sampled first = sampleable(cfg) ? sample(cfg, watch) : null;   // null: read whole
            if (first != null) {
                // Every row at hand: scored once with the fit, for its training scores and the second
                // pass, when that saves more than it costs. It saves the sample's walk; it costs the
                // overlap of the second pass's walk with the writing thread, which then writes alone.
                // Idle, 15 and 7 alternating runs: cover (sample 35% of the rows) -11% wall; the 1M
                // file (10%) +15% (docs/benchmarks.md, "`train`: every row walked once").
                KeptRowScores keptScores = first.kept().complete() && first.sample().rows() * 4L >= first.rowsSeen()
                        ? new KeptRowScores(first.kept().frames(), first.rowIndexes()) : null;
                Pipeline pipeline = fitOnSample(cfg, first, keptScores, watch, progress);
                // The bundle is encoded and written on a thread of its own while the second pass
                // scores (it reads the fitted pipeline, as scoring does, and changes nothing); the
                // second pass waits for it before it commits its outputs.
                progress.step("saving");
                Future<?> saved = saver.submit(() -> {
                    save(pipeline);
                    return null;
                });
                watch.lap("save");
                KeptBlocks kept = first.kept();
                // The sample is garbage now: held through the second pass, it would be copied by every
                // collection and promoted to the old generation (peak RSS).
                first = null;
                summary = scoreAll(cfg, pipeline, kept, keptScores, saved, watch, progress);
            } else {
                summary = trainOnWhole(cfg, watch, progress);
            }
        }
        summary.run();   // after the progress bar is gone
        return 0;
    }

    /**
     * Whether the input may be fitted on a sample: no point-in-time features (they follow each
     * entity through every event), a detector that learns without labels (a supervised one splits
     * every labelled row into training and validation) and scores each row on its own (stream_rcf
     * continues one stream over the whole file).
     */
    private boolean sampleable(SentinelConfig cfg) {
        return input.features == null && input.stateOut == null && input.state == null && input.db == null
                && !PipelineTrainer.learnsFromLabels(cfg) && !cfg.detectorType().equals(StreamRcfFactory.TYPE);
    }

    /**
     * The first pass: a uniform sample of the {@code rowsSeen} rows and their positions in the
     * input, the column facts of every row, and its blocks when they fit {@link #keptBytes}.
     */
    private record Sampled(Dataset sample, long rowsSeen, long[] rowIndexes, ColumnFacts facts, KeptBlocks kept) {
    }

    /**
     * At most this many bytes of the first pass's blocks are kept for the second (then the file is
     * read once): a 1,000,000 × 10 numeric file is 80 MB of values. Beyond it, or a quarter of
     * the heap if less, the second pass reads the file again (docs/input.md, "Training on a sample").
     */
    static final long KEPT_BYTES = 128L << 20;

    /** A lower budget for the kept blocks (bytes; 0 keeps none): for tests of the second pass reading the file again. */
    static final String KEPT_BYTES_PROPERTY = "sentinel.train.keptBytes";

    private static long keptBytes() {
        long budget = Math.min(KEPT_BYTES, Runtime.getRuntime().maxMemory() / 4);
        return Math.min(budget, Long.getLong(KEPT_BYTES_PROPERTY, budget));
    }

    /**
     * The first pass; null when the input is to be read whole: it has at most {@code --train-sample}
     * rows, or a value within them does not fit its block's type. The reservoir's log is not
     * returned, only the sample read out of it: the log (1.5 × the sample's values) is garbage
     * before the fit allocates.
     */
    private Sampled sample(SentinelConfig cfg, Stopwatch watch) {
        requireRegularFile(input.input);
        RowReservoir reservoir = new RowReservoir(trainSample, cfg.randomState());
        ColumnFacts facts = new ColumnFacts();
        KeptBlocks kept = new KeptBlocks(keptBytes());
        // The next block is read on a thread of its own while this one samples the last (blocks in order:
        // the sample is the same as read on one thread).
        try (DatasetBlocks blocks = DatasetBlocks.open(input.input, cfg, input.labelColumn != null, null, blockRows);
             BackgroundStep reader = new BackgroundStep("sentinel-read")) {
            Future<Dataset> next = reader.submit(blocks::next);
            for (Dataset block = BackgroundStep.await(next); block != null; block = BackgroundStep.await(next)) {
                next = reader.submit(blocks::next);
                reservoir.add(block);
                facts.add(block.frame());
                kept.add(block);
            }
        } catch (InputException e) {
            if (reservoir.rowsSeen() > trainSample) {
                throw e;
            }
            // Within the first N rows, the whole-file reader decides: it infers each column's type
            // from every row, where blocks infer it from the first block.
            log().debug("reading the input whole: {}", e.getMessage());
            return null;
        }
        watch.lap("read");
        log().debug("first pass: {} rows, blocks {}", reservoir.rowsSeen(),
                kept.complete() ? "kept (" + kept.bytes() + " bytes)" : "not kept: the file is read again");
        if (!reservoir.sampled()) {
            return null;   // a small input's rows, read again whole
        }
        return new Sampled(reservoir.sample(), reservoir.rowsSeen(), reservoir.rowIndexes(), facts, kept);
    }

    /**
     * An input larger than the sample is read twice, so it must be a file that can be read again:
     * a pipe or standard input is refused with what to do instead.
     */
    private static void requireRegularFile(Path path) {
        if (Files.exists(path) && !Files.isDirectory(path) && !Files.isRegularFile(path)) {
            throw new InputException(InputLocation.file(path.toString()), "is not a regular file (a pipe or a device); "
                    + "train reads its input twice, a sample to fit on and then every row to score: save the data to a file "
                    + "(gzip is read as it is) and give that file");
        }
    }

    /** Fits on the sample (scoring {@code keptScores}' rows when not null); returns the pipeline (the sample is not kept). */
    private Pipeline fitOnSample(SentinelConfig cfg, Sampled first, KeptRowScores keptScores, Stopwatch watch,
                                 Progress progress) {
        Dataset sample = first.sample();
        int[] labels = sample.labels();
        if (input.labels != null) {
            int[] all = LabelReader.fromFile(input.labels, Math.toIntExact(first.rowsSeen()), sample.source()).values();
            long[] at = first.rowIndexes();
            labels = new int[at.length];
            for (int i = 0; i < at.length; i++) {
                labels[i] = all[(int) at[i]];
            }
            watch.lap("read");
        }
        BusinessMapping business = mapping.load(sample.frame().schema());
        watch.lap("config");
        log().info("read {} rows × {} columns from {}; fitting on a uniform sample of {} of them", first.rowsSeen(),
                sample.frame().columnCount(), sample.source(), sample.rows());
        progress.step("fitting " + cfg.detectorType() + " on a sample of " + sample.rows() + " rows");
        TrainedPipeline trained = new PipelineTrainer(cfg).fitSample(sample.frame(), labels, first.facts(), keptScores);
        Pipeline pipeline = MappingOption.apply(trained.pipeline(), business);
        watch.lap("fit");
        return pipeline;
    }

    /**
     * The second pass: scores every row with the pipeline fitted on the sample, writing the outputs
     * as it goes; from the first pass's blocks when it kept them all (with their raw scores when the
     * fit scored them: {@code keptScores}), else from the file read again.
     * {@code saved} is the bundle being written, awaited before the outputs are committed.
     */
    private Runnable scoreAll(SentinelConfig cfg, Pipeline pipeline, KeptBlocks kept, KeptRowScores keptScores,
                              Future<?> saved, Stopwatch watch, Progress progress) {
        progress.step("scoring");
        String modelPath = modelOut == null ? null : modelOut.toString();
        BlockSource blocks = kept.replay(pipeline.inputSchema());
        // the kept blocks' raw scores go with the kept blocks only (a file read again is scored as read)
        KeptRowScores rawScores = blocks != null && keptScores != null && keptScores.scored() && pipeline.judge().isEmpty()
                ? keptScores : null;
        if (blocks == null) {
            blocks = DatasetBlocks.open(input.input, cfg, input.labelColumn != null, pipeline.inputSchema(), blockRows);
        }
        log().debug("second pass: {}", rawScores != null ? "the kept blocks, their rows' scores from the fit"
                : blocks instanceof DatasetBlocks ? "the file read again" : "the kept blocks, every row scored");
        return StreamedScoring.run("train", pipeline, cfg, input, exports, modelPath, blocks, rawScores, saved, watch,
                progress, spec.commandLine().getOut(), SHOWN);
    }

    /** Reads the whole input as columns, fits on every row, saves, then scores and exports it. */
    private Runnable trainOnWhole(SentinelConfig cfg, Stopwatch watch, Progress progress) {
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
        save(pipeline);
        training.writeState(input);
        watch.lap("save");
        progress.step("scoring");
        ScoredBatch scores = trained.baselineScores(data.frame(), data.source(), cfg.effectiveThreads());
        watch.lap("score");
        ScoredData scored = new ScoredData(data.source(), data.frame(), scores, pipeline, data.labels(), data.lineNumbers());
        progress.step("exporting");
        SummaryReport report = Outputs.export(exports, scored, cfg.topN(), ',', watch, laps -> SummaryReport.build("train",
                scored, modelOut == null ? null : modelOut.toString(), laps));
        return () -> Outputs.printSummary(spec.commandLine().getOut(), scored, report, SHOWN);
    }

    private void save(Pipeline pipeline) {
        if (modelOut != null) {
            Bundles.write(pipeline, modelOut, Bundles.createdAt());
            log().info("saved the model to {}", modelOut);
        }
    }
}
