package io.sentinelrisk.cli;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.export.SummaryReport;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.mapping.BusinessMapping;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.pipeline.TrainedPipeline;
import io.sentinelrisk.synth.soc.SocGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel demo}: the whole pipeline on generated SOC telemetry with planted attacks. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the whole pipeline on generated security telemetry with planted attacks.",
        description = {"Generates labelled security telemetry (logins and transfers with planted exfiltration, "
            + "impossible travel and brute-force attacks), trains, scores, explains, maps every alert to a business "
            + "category (cost, SLA, action, escalation; the soc pack by default) and exports. "
            + "--contamination is both the share of rows planted as attacks and the model's is_anomaly threshold, "
            + "so that the recall in the headline means what it says."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ExportOptions exports;

    @Mixin
    ConfigOverrides overrides;

    /** The demo's data is SOC telemetry: its alerts are mapped with the soc pack unless --mapping names another. */
    static final String DEFAULT_MAPPING = "pack:soc";

    @Option(names = "--mapping", paramLabel = "FILE|pack:NAME", defaultValue = DEFAULT_MAPPING,
            description = "Business mapping of the alerts (docs/mapping.md; default: ${DEFAULT-VALUE}).")
    String mapping;

    @Option(names = "--samples", defaultValue = "5000", paramLabel = "N", description = "Rows to generate (default: ${DEFAULT-VALUE}).")
    int samples;

    /** The old way to say how many attacks to plant; --contamination says it as a share. */
    @Option(names = "--anomalies", hidden = true, paramLabel = "K")
    Integer anomalies;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML or JSON config; flags override it.")
    Path config;

    @Option(names = {"-m", "--model-out"}, paramLabel = "FILE.srb", description = "Save the fitted bundle here.")
    @Output
    Path modelOut;

    /** The old name of --model-out. */
    @Option(names = "--persist", hidden = true, paramLabel = "FILE.srb")
    void setPersist(Path file) {
        modelOut = file;
    }

    @Option(names = "--save-data", paramLabel = "FILE.csv", description = "Save the generated data (with label and scenario columns) here.")
    @Output
    Path saveData;

    @Option(names = "--serve", description = "Instead of one run: train a model for each of the four generators "
            + "(soc, transactions, web-sessions, metrics), start the server with them, print its URL, an admin and an analyst key, "
            + "and feed generated events of all four sources (planted anomalies included) until Ctrl-C. "
            + "The models train with contamination " + DemoServe.DEFAULT_CONTAMINATION + " unless --contamination is given.")
    boolean serve;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + io.sentinelrisk.server.ServerOptions.DEFAULT_PORT,
            description = "With --serve: port to listen on (127.0.0.1); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "With --serve: directory of the demo's models and store (default: a fresh temporary directory).")
    Path dataDir;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "20",
            description = "With --serve: events a second over the four sources (default: ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() throws Exception {
        if (serve) {
            return serve();
        }
        Stopwatch watch = new Stopwatch();
        Map<String, Object> flags = CommandSupport.overrides(overrides, null, exports);
        SentinelConfig asGiven = SentinelConfig.load(config, flags);
        Plan plan = plan(asGiven);
        flags.put("contamination", plan.contamination());
        SentinelConfig cfg = SentinelConfig.load(config, flags);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "demo: %,d events with %,d planted attacks (%s); contamination %s%n", samples, plan.attacks(),
                percent(plan.attacks() / (double) samples), plan.contamination());
        if (plan.note() != null) {
            spec.commandLine().getErr().println("sentinel demo: note: " + plan.note());
        }
        Frame generated = SocGenerator.demo(samples, plan.attacks(), cfg.randomState());
        if (saveData != null) {
            CsvWriter.writeFrame(generated, saveData, ',');
        }
        Frame frame = withAnswerColumnsHidden(generated);
        int[] labels = labels(generated.column("label"));
        BusinessMapping business = MappingOption.load(mapping, frame.schema());
        watch.lap("generate");
        TrainedPipeline trained = new PipelineTrainer(cfg).fit(frame, labels);
        Pipeline pipeline = MappingOption.apply(trained.pipeline(), business);
        watch.lap("fit");
        if (modelOut != null) {
            Bundles.write(pipeline, modelOut, Bundles.createdAt());
        }
        watch.lap("save");
        ScoredBatch scores = trained.baselineScores(frame, "demo", cfg.effectiveThreads());
        watch.lap("score");
        ScoredData scored = new ScoredData("demo", frame, scores, pipeline, labels, null);
        SummaryReport report = Outputs.export(exports, scored, cfg.topN(), ',', watch,
                laps -> SummaryReport.build("demo", scored, modelOut == null ? null : modelOut.toString(), laps));
        Outputs.printSummary(out, scored, report, 5);
        return 0;
    }

    private int serve() throws Exception {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, not " + port);
        }
        if (!(rate > 0 && rate <= 100_000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be above 0 and at most 100000, not " + rate);
        }
        SentinelConfig cfg = SentinelConfig.load(config, CommandSupport.overrides(overrides, null, exports));
        Path dir = dataDir != null ? dataDir : java.nio.file.Files.createTempDirectory("sentinel-demo-");
        return new DemoServe(new DemoServe.Options(port, dir, rate, cfg.randomState(), overrides.contamination),
                spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }

    /** How many attacks to plant, the contamination to train with, and why they differ when they do. */
    record Plan(int attacks, double contamination, String note) {
    }

    /**
     * The model's contamination follows what is planted, so that the headline's recall means
     * something: --contamination (flag or config) plants that share; --anomalies K plants K and
     * sets contamination to K / samples. Only when both are chosen and disagree do they differ,
     * and the note says whether that caps recall or precision.
     */
    Plan plan(SentinelConfig asGiven) {
        boolean contaminationChosen = overrides.contamination != null
                || (config != null && asGiven.contamination() != SentinelConfig.defaults().contamination());
        double c = asGiven.contamination();
        if (anomalies == null) {
            return new Plan((int) Math.round(c * samples), c, null);
        }
        double share = anomalies / (double) Math.max(1, samples);
        if (!contaminationChosen && share > 0 && share < 0.5) {
            return new Plan(anomalies, share, null);
        }
        if (Math.abs(share - c) * samples < 0.5) {
            return new Plan(anomalies, c, null);
        }
        String why = contaminationChosen ? "as chosen" : "the share planted is outside (0, 0.5)";
        String effect = c < share ? String.format(Locale.ROOT, "recall is at most %.2f", c / share)
                : String.format(Locale.ROOT, "precision is at most %.2f", share / c);
        return new Plan(anomalies, c, String.format(Locale.ROOT, "contamination %s (%s) while %s of the rows are planted "
                + "attacks: %s of the rows are flagged, so %s", c, why, percent(share), percent(c), effect));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }

    private static Frame withAnswerColumnsHidden(Frame frame) {
        List<Field> fields = new ArrayList<>();
        for (Field f : frame.schema().fields()) {
            fields.add(f.name().equals("label") ? f.withRole(ColumnRole.LABEL)
                    : f.name().equals("scenario") ? f.withRole(ColumnRole.IGNORE) : f);
        }
        return frame.withSchema(new Schema(fields));
    }

    private static int[] labels(Column column) {
        double[] v = ((Column.Numeric) column).values();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == 1 ? 1 : 0;
        }
        return out;
    }
}
