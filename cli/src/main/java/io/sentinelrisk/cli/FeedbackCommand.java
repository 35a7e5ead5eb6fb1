package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Scorecard;
import io.sentinelrisk.core.feedback.AlertFacts;
import io.sentinelrisk.core.feedback.FeedbackEntry;
import io.sentinelrisk.core.feedback.FeedbackReader;
import io.sentinelrisk.core.feedback.FeedbackReport;
import io.sentinelrisk.core.feedback.FeedbackStats;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.pipeline.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel feedback}: what analysts' verdicts say about the alerts and the model. */
@Command(name = "feedback", mixinStandardHelpOptions = true,
        header = "What analysts' verdicts say about the alerts and the model.",
        description = "Reads analysts' verdicts on alerts (JSON Lines, see docs/feedback.md).",
        subcommands = {FeedbackCommand.Stats.class})
final class FeedbackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing subcommand: choose one of " + String.join(", ", spec.subcommands().keySet()));
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            header = "Precision by category and over time, model accuracy and analyst agreement.",
            description = {"Reads a feedback file and reports how precise the judged alerts were (by category and by day or week), "
                + "how accurate the model was, and how much analysts agree. With --scored (the scorecard the alerts came from) "
                + "categories, event times and the model's flags come from it; without, every judged alert counts as flagged."})
    static final class Stats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--feedback", required = true, paramLabel = "FILE.jsonl", description = "Verdicts, one JSON object per line.")
        Path feedback;

        @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.srb",
                description = "The model whose alerts were judged (turns event keys into alert ids).")
        Path model;

        @Option(names = "--scored", paramLabel = "CSV", description = "The scorecard (--export-csv) of the judged alerts.")
        Path scored;

        @Option(names = "--category-column", paramLabel = "NAME",
                description = "With --scored: the column of alert categories (default: 'category' when present, else the severity).")
        String categoryColumn;

        @Option(names = "--bucket", defaultValue = "day", paramLabel = "day|week",
                description = "Periods of the precision-over-time table (default: ${DEFAULT-VALUE}).")
        String bucket;

        @Option(names = "--report", paramLabel = "FILE", description = "Write the statistics as JSON.")
        @Output
        Path report;

        @Override
        public Integer call() {
            FeedbackStats.Bucket b = switch (bucket.trim().toLowerCase(Locale.ROOT)) {
                case "day" -> FeedbackStats.Bucket.DAY;
                case "week" -> FeedbackStats.Bucket.WEEK;
                default -> throw new io.sentinelrisk.core.error.InputException("--bucket: expected day or week, found '" + bucket + "'");
            };
            Pipeline pipeline = Bundles.read(model);
            List<FeedbackEntry> entries = FeedbackReader.read(feedback);
            Map<String, AlertFacts> facts = null;
            String basis = "none";
            if (scored != null) {
                Scorecard card = Scorecard.read(scored, categoryColumn);
                facts = new HashMap<>();
                for (int r = 0; r < card.rows(); r++) {
                    facts.putIfAbsent(card.alertId(r),
                            new AlertFacts(card.alertId(r), card.category(r), card.eventMillis(r), card.isAnomaly(r)));
                }
                basis = card.categoryBasis();
            }
            FeedbackReport stats = FeedbackStats.compute(entries, ModelId.of(pipeline), facts, basis, b);
            if (report != null) {
                AtomicFile.write(report, os -> os.write(Json.bytes(stats)));
            }
            print(spec.commandLine().getOut(), stats);
            return 0;
        }

        static void print(PrintWriter out, FeedbackReport r) {
            var c = r.verdictCounts();
            out.printf(Locale.ROOT, "%d verdicts on %d alerts (true_positive %d, false_positive %d, benign %d, unknown %d); %d decided%s%n",
                    r.verdicts(), r.alertsJudged(), c.truePositive(), c.falsePositive(), c.benign(), c.unknown(), r.alertsDecided(),
                    r.unmatchedVerdicts() == null ? "" : "; " + r.unmatchedVerdicts() + " verdicts name no row of the scorecard");
            out.printf(Locale.ROOT, "precision %s | model accuracy %s (%s) | analyst agreement %s on %d alerts, kappa %s%n",
                    pct(r.precision().precision()), pct(r.modelAccuracy().accuracy()), r.modelAccuracy().basis(),
                    pct(r.agreement().pairwiseAgreement()), r.agreement().alerts(), num(r.agreement().kappa()));
            table(out, "category (" + r.categoryBasis() + ")", r.byCategory());
            table(out, r.overTime().bucket() + " (" + r.overTime().timeBasis() + ")", r.overTime().periods());
            out.flush();
        }

        private static void table(PrintWriter out, String title, List<FeedbackReport.Tally> rows) {
            int w = title.length();
            for (FeedbackReport.Tally t : rows) {
                w = Math.max(w, t.key().length());
            }
            out.printf(Locale.ROOT, "%-" + w + "s  %6s  %6s  %6s  %6s  %9s%n", title, "alerts", "tp", "fp", "benign", "precision");
            for (FeedbackReport.Tally t : rows) {
                out.printf(Locale.ROOT, "%-" + w + "s  %6d  %6d  %6d  %6d  %9s%n", t.key(), t.alerts(), t.truePositives(),
                        t.falsePositives(), t.benign(), pct(t.precision()));
            }
        }

        private static String pct(Double v) {
            return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
        }

        private static String num(Double v) {
            return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
        }
    }
}
