package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.feedback.FeedbackEntry;
import io.sentinelrisk.core.feedback.FeedbackReader;
import io.sentinelrisk.core.feedback.RetrainMetric;
import io.sentinelrisk.core.feedback.RetrainReport;
import io.sentinelrisk.core.feedback.Retrainer;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.judge.HeuristicRules;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel retrain}: a challenger model from analysts' verdicts, compared with the champion. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
        header = "Make a challenger model from analysts' verdicts and compare it with the champion.",
        description = {"Matches the verdicts of --feedback to the records of --input (scored by --model), holds back a seeded, "
            + "stratified share of them, and makes a challenger from the rest: a hybrid judge (sentinel pipeline run) is refitted "
            + "whole with the verdicts as its strongest labels (then the data's labels, then --heuristics, then the champion's "
            + "flags), a supervised model is refitted with the verdicts "
            + "as labels, an unsupervised one gets its is_anomaly threshold recalibrated on them. Champion and challenger are "
            + "compared on the held-back verdicts. With --promote-if-better the challenger is written only when it is strictly "
            + "better on --metric; otherwise the command says so and exits 0 without writing it. See docs/feedback.md."})
final class RetrainCommand implements Callable<Integer> {
    /** Looked up when first used: a static logger would start logging when picocli merely builds the command (for --help too). */
    private static Logger log() {
        return LoggerFactory.getLogger(RetrainCommand.class);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.srb", description = "The champion: the model in use.")
    Path model;

    @Option(names = "--feedback", required = true, paramLabel = "FILE.jsonl", description = "Verdicts, one JSON object per line.")
    Path feedback;

    @Option(names = "--model-out", required = true, paramLabel = "FILE.srb", description = "Where to write the challenger.")
    @Output
    Path modelOut;

    @Option(names = "--promote-if-better",
            description = "Write --model-out only when the challenger beats the champion on --metric (else exit 0, nothing written).")
    boolean promoteIfBetter;

    @Option(names = "--metric", defaultValue = "f1", paramLabel = "NAME",
            description = "What the challenger must beat the champion on, over the held-back verdicts: f1, precision, recall, "
                    + "accuracy (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--holdout", defaultValue = "0.3", paramLabel = "SHARE",
            description = "Share of each kind of verdict held back to compare the models (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the held-back split (default: the model's random_state).")
    Long seed;

    @Option(names = "--heuristics", paramLabel = "RULES.yaml",
            description = "With a hybrid judge: heuristic rules (the pipeline config's labels.heuristics format) giving pseudo-labels "
                    + "to rows that have neither a verdict nor a label of the data (default: the champion's flags label them).")
    Path heuristics;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the comparison as JSON.")
    @Output
    Path report;

    @Option(names = "--threads", paramLabel = "N", description = ConfigOverrides.THREADS_HELP)
    Integer threads;

    @Override
    public Integer call() {
        RetrainMetric m = RetrainMetric.parse(metric);
        if (m == null) {
            throw new InputException("--metric: expected one of " + String.join(", ", RetrainMetric.ids()) + ", found '" + metric + "'");
        }
        Pipeline champion = Bundles.read(model);
        if (heuristics != null && champion.judge().isEmpty()) {
            throw new InputException("--heuristics: the model has no hybrid judge (sentinel pipeline run makes one); "
                    + "only a judge learns from heuristic pseudo-labels");
        }
        HeuristicRules rules = heuristics == null ? null : HeuristicRules.read(heuristics);
        List<FeedbackEntry> verdicts = FeedbackReader.read(feedback);
        Map<String, Object> flags = CommandSupport.overrides(null, input, null);
        flags.put("threads", threads);
        SentinelConfig cfg = champion.config().withOverrides(flags, "flags");
        EventScorer scorer = new EventScorer(champion);
        Dataset data = CommandSupport.loadForScoring(input, cfg, scorer);
        log().info("read {} rows and {} verdicts", data.rows(), verdicts.size());
        var settings = new Retrainer.Settings(holdout, seed == null ? champion.config().randomState() : seed, m,
                cfg.effectiveThreads());
        int[] pseudo = rules == null ? null : rules.apply(data.frame()).labels();
        Retrainer.Result result = Retrainer.run(champion, data.frame(), data.source(), data.labels(), pseudo, verdicts, settings);
        boolean write = !promoteIfBetter || result.report().challengerWins();
        String decision = !promoteIfBetter ? "written" : write ? "promoted" : "kept_champion";
        RetrainReport r = result.report().withDecision(decision, write ? modelOut.toString() : null);
        if (write) {
            Bundles.write(result.challenger(), modelOut, Bundles.createdAt());
        }
        if (report != null) {
            AtomicFile.write(report, os -> os.write(Json.bytes(r)));
        }
        print(spec.commandLine().getOut(), r, modelOut);
        return 0;
    }

    static void print(PrintWriter out, RetrainReport r, Path modelOut) {
        var v = r.verdicts();
        out.printf(Locale.ROOT, "%d verdicts: %d alerts of the data matched (%d threats, %d no threat, %d undecided), %d verdicts named no record%n",
                v.read(), v.matched(), v.threats(), v.noThreats(), v.unknown(), v.unmatched());
        out.printf(Locale.ROOT, "challenger (%s): %s; held back %d alerts (%d threats; share %.2f, seed %d)%n", r.detector(),
                switch (r.method()) {
                    case RetrainReport.RECALIBRATE -> "is_anomaly threshold recalibrated on the verdicts";
                    case RetrainReport.REFIT_JUDGE -> "the hybrid judge refitted with the verdicts as its strongest labels";
                    default -> "refitted with the verdicts as labels";
                },
                r.holdout().alerts(), r.holdout().threats(), r.holdout().fraction(), r.holdout().seed());
        if (r.labels() != null) {
            out.printf(Locale.ROOT, "labels: %d from verdicts, %d from the data, %d from heuristics, %d from the champion's flags%n",
                    r.labels().fromVerdicts(), r.labels().fromData(), r.labels().fromHeuristics(), r.labels().fromChampion());
        }
        if (r.threshold() != null) {
            out.printf(Locale.ROOT, "threshold: anomaly above %.6g (contamination %.4f) -> %.6g (contamination %.4f)%n",
                    r.threshold().championAnomalyAbove(), r.threshold().championContamination(),
                    r.threshold().challengerAnomalyAbove(), r.threshold().challengerContamination());
        }
        out.printf(Locale.ROOT, "on %d held-back verdicts, metric %s:%n", r.holdout().alerts(), r.metric());
        out.printf(Locale.ROOT, "%-10s  %8s  %9s  %6s  %6s  %8s%n", "model", "metric", "precision", "recall", "f1", "accuracy");
        row(out, "champion", r.champion());
        row(out, "challenger", r.challenger());
        switch (r.decision()) {
            case "promoted" -> out.printf("the challenger wins on %s: written to %s%n", r.metric(), modelOut);
            case "kept_champion" -> out.printf("the challenger does not beat the champion on %s: keeping the champion, "
                    + "nothing written to %s%n", r.metric(), modelOut);
            default -> out.printf("%s wins on %s; challenger written to %s%n", r.winner(), r.metric(), modelOut);
        }
        out.flush();
    }

    private static void row(PrintWriter out, String name, RetrainReport.Scores s) {
        out.printf(Locale.ROOT, "%-10s  %8.3f  %9.3f  %6.3f  %6.3f  %8.3f%n", name, s.metricValue(), s.precision(), s.recall(), s.f1(),
                s.accuracy());
    }
}
