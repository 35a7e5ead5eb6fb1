package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.evaluate.DetectorEvaluation;
import io.sentinelrisk.core.evaluate.EvaluatedAlert;
import io.sentinelrisk.core.evaluate.Evaluation;
import io.sentinelrisk.core.evaluate.EvaluationReport;
import io.sentinelrisk.core.evaluate.EvaluationResult;
import io.sentinelrisk.core.evaluate.EvaluationProtocol;
import io.sentinelrisk.core.evaluate.EvaluationSettings;
import io.sentinelrisk.core.evaluate.ScenarioRecall;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.pipeline.BaselineDeclaration;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.report.EvaluationPlots;
import io.sentinelrisk.report.HtmlReport;
import io.sentinelrisk.report.Plot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel evaluate}: how well detectors find the labelled anomalies, with plots and an HTML report. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = "Measure detectors on labelled data: ROC AUC, average precision, precision@k, confusion, recall per scenario.",
        description = {"By default (--protocol semi-supervised) splits labelled data with a seed (stratified), fits "
            + "each detector on the NORMAL rows of the training part only and scores every other row (the SOC lab's "
            + "protocol) through the same pipeline as 'sentinel score'. --protocol unsupervised fits on every row "
            + "without labels and scores those rows; --protocol adbench fits on ADBench's 70%% training part, anomalies "
            + "left in, and tests on the other 30%%. Supervised detectors (random_forest, xgboost) need --test-anomalies held-out: they fit "
            + "on every training row with its label and all detectors are tested on the held-out part. "
            + "With --model, a saved bundle scores every row instead.",
            "Reports metrics, recall per scenario (from a 'scenario' column), global and local explanations, "
            + "and optionally PNG plots (--plots-dir) and one self-contained HTML report (--html)."})
final class EvaluateCommand implements Callable<Integer> {
    /** Looked up when first used: a static logger would start logging when picocli merely builds the command (for --help too). */
    private static Logger log() {
        return LoggerFactory.getLogger(EvaluateCommand.class);
    }

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    ConfigOverrides overrides;

    @Mixin
    MappingOption mapping;

    /** Without it, each protocol declares its own ({@link EvaluationProtocol#declaredBaseline()}). */
    @Mixin
    BaselineOption baseline;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML or JSON config; its detector parameters apply to the detector it names, the others use their defaults.")
    Path config;

    @Option(names = "--detectors", split = ",", paramLabel = "TYPE[,TYPE...]", hideParamSyntax = true,
            description = "Detectors to compare, e.g. iforest,hbos,ecod,knn,lof,ocsvm,kde,autoencoder,random_forest,xgboost,ensemble,auto "
                    + "(default: the config's detector, iforest).")
    List<String> detectors;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE.srb",
            description = "Evaluate this saved bundle on every row instead of fitting detectors.")
    Path model;

    @Option(names = "--protocol", defaultValue = "semi-supervised", paramLabel = "unsupervised|semi-supervised|adbench",
            description = "unsupervised: fit on every row without labels and score those rows; semi-supervised: fit on "
                    + "the normal rows of the training part only; adbench: ADBench's stratified 70/30 split, fit on every "
                    + "training row with its anomalies left in (unlabelled), test on the held-out part "
                    + "(default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--train-fraction", paramLabel = "F",
            description = "Share of each class in the training part (default: 0.8; 0.7 with --protocol adbench; "
                    + "not used by --protocol unsupervised).")
    Double trainFraction;

    @Option(names = "--test-anomalies", defaultValue = "all", paramLabel = "all|held-out",
            description = "all: test on every row not fitted on, i.e. the test part and the training part's anomalies, which "
                    + "unsupervised detectors never see (the SOC lab's protocol); held-out: on the test part only, the same "
                    + "rows for supervised detectors too (default: ${DEFAULT-VALUE}).")
    String testAnomalies;

    // Options with an old hidden name take their default from the field, not from defaultValue:
    // picocli applies defaultValue after parsing, over what the old name set.
    @Option(names = "--precision-at-k", paramLabel = "K", description = "precision@k looks at the K highest scores (default: ${DEFAULT-VALUE}).")
    int k = 50;

    /** The old name of --precision-at-k. */
    @Option(names = "--k", hidden = true, paramLabel = "K")
    void setK(int value) {
        k = value;
    }

    @Option(names = "--threshold-percentile", defaultValue = "99", paramLabel = "P",
            description = "Flag scores at or above this percentile of the evaluated scores for the confusion matrix, "
                    + "precision, recall, F1 and recall per scenario (default: ${DEFAULT-VALUE}).")
    double thresholdPercentile;

    @Option(names = "--top-n", paramLabel = "N", description = "Alerts to explain per detector (default: ${DEFAULT-VALUE}).")
    int topK = 10;

    /** The old name of --top-n. */
    @Option(names = "--top-k", hidden = true, paramLabel = "N")
    void setTopK(int value) {
        topK = value;
    }

    @Option(names = "--deviant-std", defaultValue = "3", paramLabel = "Z",
            description = "A feature is deviant in an alert when at least Z std from normal (default: ${DEFAULT-VALUE}).")
    double deviantStd;

    @Option(names = "--scenario-column", defaultValue = "scenario", paramLabel = "NAME",
            description = "Column naming each row's scenario, for recall per scenario; never a feature (default: ${DEFAULT-VALUE}).")
    String scenarioColumn;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the evaluation as JSON.")
    @Output
    Path report;

    @Option(names = "--plots-dir", paramLabel = "DIR", description = "Write the PNG plots into this directory.")
    @Output(directory = true)
    Path plotsDir;

    @Option(names = "--html", paramLabel = "FILE", description = "Write one self-contained HTML report (metrics, plots, top alerts).")
    @Output
    Path html;

    @Override
    public Integer call() {
        Stopwatch watch = new Stopwatch();
        EvaluationResult result;
        try (Progress progress = Progress.start("evaluate", 4)) {
            if (model != null) {
                result = evaluateBundle(progress);
            } else {
                result = fitAndTest(progress);
            }
            watch.lap("evaluate");
            progress.step("writing");
            write(result);
        }
        print(spec.commandLine().getOut(), result);
        return 0;
    }

    private EvaluationResult fitAndTest(Progress progress) {
        Map<String, Object> flags = CommandSupport.overrides(overrides, input, null);
        SentinelConfig base = SentinelConfig.load(config, flags);
        List<SentinelConfig> configs = new ArrayList<>();
        for (String type : detectorTypes(base)) {
            configs.add(type.equals(base.detectorType()) ? base : withDetector(base, type));
        }
        EvaluationSettings settings = settings(base.randomState());
        configs = withBaselines(configs, base, settings.protocol());
        progress.step("reading " + input.input);
        refuseStateOut();
        Dataset data = CommandSupport.loadForTraining(input, base).data();
        log().info("read {} rows × {} columns from {}", data.rows(), data.frame().columnCount(), data.source());
        progress.step("fitting and testing " + configs.size() + " detector(s)");
        return Evaluation.fitAndTest(data, configs, settings, mapping.load(data.frame().schema()));
    }

    /**
     * The configs with the baseline their training rows are declared to have: --baseline when given
     * (an error when no detector evaluated takes one), else what the protocol declares
     * (semi-supervised fits normal rows only: clean), except where the config file writes
     * {@code detector.baseline} for its own detector.
     */
    private List<SentinelConfig> withBaselines(List<SentinelConfig> configs, SentinelConfig base, EvaluationProtocol protocol) {
        Baseline given = baseline.parsed();
        if (given != null && configs.stream().noneMatch(BaselineDeclaration::applies)) {
            throw new InputException(BaselineOption.FLAG + " " + given.configName() + ": none of the detectors evaluated ("
                    + String.join(", ", configs.stream().map(SentinelConfig::detectorType).toList())
                    + ") has a baseline, only auto has; leave out " + BaselineOption.FLAG);
        }
        boolean fileSays = BaselineDeclaration.writtenIn(config);
        List<SentinelConfig> out = new ArrayList<>();
        for (SentinelConfig c : configs) {
            if (given != null) {
                out.add(BaselineDeclaration.declare(c, given, BaselineOption.FLAG));
            } else if (c == base && fileSays) {
                out.add(c);
            } else {
                out.add(BaselineDeclaration.declare(c, protocol.declaredBaseline(), "--protocol " + protocol.configName()));
            }
        }
        return out;
    }

    private EvaluationResult evaluateBundle(Progress progress) {
        if (detectors != null || config != null || overrides.detector != null || mapping.mapping != null
                || baseline.baseline != null) {
            throw new InputException("--model evaluates a saved bundle as it is (with its own business mapping, if any): "
                    + "leave out --detectors, --detector, --config, --mapping and --baseline");
        }
        Pipeline pipeline = Bundles.read(model);
        Map<String, Object> flags = CommandSupport.overrides(null, input, null);
        flags.put("threads", overrides.threads);
        SentinelConfig cfg = pipeline.config().withOverrides(flags, "flags");
        progress.step("reading " + input.input);
        refuseStateOut();
        Dataset data = CommandSupport.loadForScoring(input, cfg, new EventScorer(pipeline));
        progress.step("scoring with " + model);
        long seed = overrides.randomState != null ? overrides.randomState : cfg.randomState();
        return Evaluation.testBundle(data, pipeline, model.toString(), settings(seed), cfg.effectiveThreads());
    }

    private void refuseStateOut() {
        if (input.stateOut != null) {
            throw new InputException("--state-out goes with train and score: evaluate keeps no state");
        }
    }

    private EvaluationSettings settings(long seed) {
        boolean all = switch (testAnomalies) {
            case "held-out" -> false;
            case "all" -> true;
            default -> throw new InputException("--test-anomalies: expected held-out or all, found '" + testAnomalies + "'");
        };
        EvaluationProtocol p = EvaluationProtocol.byConfigName(protocol);
        if (model != null && p != EvaluationProtocol.SEMI_SUPERVISED) {
            throw new InputException("--protocol chooses how detectors are fitted; --model evaluates a saved bundle on "
                    + "every row: leave out --protocol");
        }
        double fraction = trainFraction != null ? trainFraction : p.defaultTrainFraction();
        return new EvaluationSettings(fraction, seed, k, thresholdPercentile, topK, deviantStd, scenarioColumn,
                all && model == null, p);
    }

    /** The detectors asked for, each once, in order; unknown names are an error listing the valid ones. */
    private List<String> detectorTypes(SentinelConfig base) {
        if (detectors == null || detectors.isEmpty()) {
            return List.of(base.detectorType());
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String d : detectors) {
            String t = d.strip();
            if (t.isEmpty()) {
                continue;
            }
            Detectors.byType(t);
            types.add(t);
        }
        if (types.isEmpty()) {
            throw new InputException("--detectors: expected one or more of " + String.join(", ", Detectors.types()));
        }
        return List.copyOf(types);
    }

    /** The config with another detector, at that detector's default parameters. */
    private static SentinelConfig withDetector(SentinelConfig base, String type) {
        Map<String, Object> map = new LinkedHashMap<>(base.toMap());
        Map<String, Object> det = new LinkedHashMap<>();
        det.put("type", type);
        map.put("detector", det);
        return SentinelConfig.fromEffectiveMap(map, "--detectors");
    }

    private void write(EvaluationResult result) {
        if (report != null) {
            EvaluationReport.write(report, result);
            log().info("wrote the report to {}", report);
        }
        if (plotsDir == null && html == null) {
            return;
        }
        List<Plot> plots = EvaluationPlots.render(result);
        if (plotsDir != null) {
            EvaluationPlots.write(plots, plotsDir);
            log().info("wrote {} plots to {}", plots.size(), plotsDir);
        }
        if (html != null) {
            HtmlReport.write(html, result, plots);
            log().info("wrote the HTML report to {}", html);
        }
    }

    private void print(PrintWriter out, EvaluationResult r) {
        if (r.bundleMode()) {
            out.printf(Locale.ROOT, "evaluated %s on all %,d rows of %s (%,d anomalies)%n", r.model(), r.rows(), r.source(),
                    r.anomalies());
        } else if (!r.settings().protocol().splits()) {
            out.printf(Locale.ROOT, "%s: %,d rows, %,d anomalies; unsupervised protocol: fitted on every row without "
                    + "labels, tested on the same rows%n", r.source(), r.rows(), r.anomalies());
        } else if (r.settings().protocol() == EvaluationProtocol.ADBENCH) {
            out.printf(Locale.ROOT, "%s: %,d rows, %,d anomalies; adbench protocol: fitted on the training part's %,d rows "
                            + "(anomalies left in, unlabelled; seed %d); tested on the held-out %,d rows with %,d anomalies%n",
                    r.source(), r.rows(), r.anomalies(), r.trainRows(), r.settings().randomState(), r.testRows(),
                    r.testAnomalies());
        } else {
            out.printf(Locale.ROOT, "%s: %,d rows, %,d anomalies; training part %,d rows (%,d normal, seed %d); "
                            + "tested on %,d rows with %,d anomalies (%s)%n", r.source(), r.rows(), r.anomalies(),
                    r.trainRows(), r.trainNormalRows(), r.settings().randomState(), r.testRows(), r.testAnomalies(),
                    r.settings().allAnomaliesInTest() ? "every row not fitted on" : "the held-out test part");
        }
        for (DetectorEvaluation d : r.detectors()) {
            if (d.baseline() != null) {
                out.printf(Locale.ROOT, "%s: baseline %s (%s)%n", d.name(), d.baseline(),
                        Baseline.CLEAN.configName().equals(d.baseline())
                                ? "its training rows declared free of anomalies: the mean of its clean members"
                                : "anomalies may be among its training rows: the candidates that agree");
            }
        }
        String pk = "P@" + r.settings().k();
        out.printf(Locale.ROOT, "%-14s %8s %8s %7s %9s %7s %7s %6s %6s %6s %6s %8s%n", "detector", "ROC AUC", "avg prec",
                pk, "precision", "recall", "F1", "TP", "FP", "FN", "TN", "fit s");
        for (DetectorEvaluation d : r.detectors()) {
            Confusion c = d.confusion();
            out.printf(Locale.ROOT, "%-14s %8s %8s %7s %9.3f %7.3f %7.3f %6d %6d %6d %6d %8.2f%n", d.name(), f3(d.rocAuc()),
                    f3(d.averagePrecision()), f3(d.precisionAtK()), c.precision(), c.recall(), c.f1(), c.tp(), c.fp(),
                    c.fn(), c.tn(), d.fitMillis() / 1000);
        }
        if (r.scenarios() != null && !r.detectors().isEmpty()) {
            out.printf(Locale.ROOT, "recall per scenario (score ≥ percentile %s of the tested rows):%n",
                    fmtNumber(r.settings().thresholdPercentile()));
            for (ScenarioRecall s : r.detectors().get(0).recallPerScenario()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-22s %5d", s.scenario(), s.anomalies()));
                for (DetectorEvaluation d : r.detectors()) {
                    ScenarioRecall x = d.recallPerScenario().stream().filter(o -> o.scenario().equals(s.scenario())).findFirst().orElseThrow();
                    line.append(String.format(Locale.ROOT, "  %s %.3f", d.name(), x.recall()));
                }
                out.println(line);
            }
        }
        for (DetectorEvaluation d : r.detectors()) {
            if (!d.topAlerts().isEmpty()) {
                EvaluatedAlert a = d.topAlerts().get(0);
                out.printf(Locale.ROOT, "top alert of %s: %s score %s (%s): %s%n", d.name(),
                        a.line() >= 0 ? "line " + a.line() : "row " + (a.row() + 1), fmt(a.score()),
                        a.label() == 1 ? (a.scenario() != null ? a.scenario() : "anomaly") : "normal",
                        a.business() != null ? a.business().narrative()
                                : io.sentinelrisk.core.explain.Explainer.narrative(Outputs.forDisplay(a.reasons())));
            }
        }
        out.flush();
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fmtNumber(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
