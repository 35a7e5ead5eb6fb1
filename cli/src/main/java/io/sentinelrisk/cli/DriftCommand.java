package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.drift.ColumnDrift;
import io.sentinelrisk.core.drift.DriftAnalysis;
import io.sentinelrisk.core.drift.DriftReport;
import io.sentinelrisk.core.drift.DriftWindow;
import io.sentinelrisk.core.drift.TrainingProfile;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel drift}: how far new data has moved from what the model was trained on. */
@Command(name = "drift", mixinStandardHelpOptions = true,
        header = "Compare new data with the model's training profile: PSI and KS per column and for the score.",
        description = {"Scores the input with the bundle and compares every model input column and the score with the "
            + "training profile the bundle keeps: population stability index (PSI) over the training deciles or categories, "
            + "and for numbers the Kolmogorov-Smirnov statistic with its p-value. Verdict per column by PSI: "
            + "stable below 0.1, moderate below 0.25, significant above (docs/drift.md).",
            "Examples:",
            "  sentinel drift --model out/model.srb --input new.csv",
            "  sentinel drift --model out/model.srb --input new.csv --report drift.json"})
final class DriftCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.srb", description = "The bundle whose training profile new data is compared with.")
    Path model;

    @Option(names = "--report", paramLabel = "FILE", description = "The drift report as JSON (docs/drift.md).")
    @Output
    Path report;

    @Option(names = "--threads", paramLabel = "N", description = ConfigOverrides.THREADS_HELP)
    Integer threads;

    @Override
    public Integer call() {
        Pipeline pipeline = Bundles.read(model);
        TrainingProfile profile = pipeline.profile().orElseThrow(() -> new InputException(InputLocation.file(model.toString()),
                "this bundle keeps no training profile (it was made by an older release): retrain it to measure drift"));
        Map<String, Object> flags = CommandSupport.overrides(null, input, null);
        flags.put("threads", threads);
        SentinelConfig cfg = pipeline.config().withOverrides(flags, "flags");
        EventScorer scorer = new EventScorer(pipeline);
        Dataset data = CommandSupport.loadForScoring(input, cfg, scorer);
        ScoredBatch scores = pipeline.score(data.frame(), data.source(), cfg.effectiveThreads());
        DriftWindow window = new DriftWindow(profile, Math.max(1, data.rows()));
        window.addAll(data.frame(), scores.score());
        DriftReport drift = DriftAnalysis.report(window);
        if (report != null) {
            AtomicFile.write(report, os -> os.write(Json.bytes(drift)));
        }
        CommandSupport.writeState(input, scorer);
        print(spec.commandLine().getOut(), drift);
        return 0;
    }

    private static void print(PrintWriter out, DriftReport r) {
        out.printf(Locale.ROOT, "%,d rows against %,d training rows: %s%n", r.rows(), r.trainingRows(), r.verdict().id());
        out.printf(Locale.ROOT, "%-28s %-11s %8s %8s %10s  %s%n", "column", "kind", "psi", "ks", "ks_p", "verdict");
        row(out, r.score());
        for (ColumnDrift c : r.columns()) {
            row(out, c);
        }
    }

    private static void row(PrintWriter out, ColumnDrift c) {
        String name = c.column().length() > 28 ? c.column().substring(0, 27) + "…" : c.column();
        out.printf(Locale.ROOT, "%-28s %-11s %8.4f %8s %10s  %s%n", name, c.kind(), c.psi(),
                c.ks() == null ? "-" : String.format(Locale.ROOT, "%.4f", c.ks()),
                c.ksPValue() == null ? "-" : String.format(Locale.ROOT, "%.2g", c.ksPValue()), c.verdict().id());
    }
}
