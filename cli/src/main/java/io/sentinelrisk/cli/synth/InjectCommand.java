package io.sentinelrisk.cli.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvOptions;
import io.sentinelrisk.core.io.CsvReader;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.synth.FrameCsv;
import io.sentinelrisk.synth.scenario.Business;
import io.sentinelrisk.synth.scenario.InjectionResult;
import io.sentinelrisk.synth.scenario.ScenarioInjector;
import io.sentinelrisk.synth.scenario.ScenarioLoader;
import io.sentinelrisk.synth.scenario.ScenarioSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel inject}: plants adversarial scenarios into any CSV and labels them. */
@Command(name = "inject", mixinStandardHelpOptions = true,
        header = "Plant adversarial scenarios (YAML) into any CSV and label what was planted.",
        description = "Applies each scenario of the file whose columns the data has (the others are skipped with "
                + "a warning), then writes the data with 'label' (1 = injected, existing labels kept) and "
                + "'scenario' (the scenario's name) columns. The same input, file and seed give the same "
                + "output.")
public final class InjectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", paramLabel = "YAML", description = "Scenario file (default: the built-in scenarios.yaml).")
    Path scenarios;

    @Option(names = {"-i", "--input"}, paramLabel = "CSV", description = "Data to inject into: CSV with a header row, optionally .csv.gz.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "CSV", description = "Where to write the injected data (replaced atomically).")
    @io.sentinelrisk.cli.Output
    Path output;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed: the same seed picks the same rows and values (default: ${DEFAULT-VALUE}).")
    long randomState = SentinelConfig.defaults().randomState();

    /** The scikit-learn spelling, kept working but out of the help. */
    @Option(names = "--random-state", hidden = true, paramLabel = "SEED")
    void setRandomState(long seed) {
        randomState = seed;
    }

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "Field delimiter of the input (default: detected). The output uses ','.")
    String delimiter;

    @Option(names = "--report", paramLabel = "JSON",
            description = "Also write what each scenario did, with its business rule, as JSON here.")
    @io.sentinelrisk.cli.Output
    Path report;

    @Option(names = "--print-scenarios", description = "Print the built-in scenario file (a starting point for your own) and exit.")
    boolean printScenarios;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (printScenarios) {
            out.print(ScenarioLoader.shippedText());
            out.flush();
            return 0;
        }
        if (input == null || output == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option"
                    + (input == null && output == null ? "s: '--input=CSV', '--output=CSV'" : input == null ? ": '--input=CSV'" : ": '--output=CSV'"));
        }
        long t0 = System.nanoTime();
        ScenarioSet set = scenarios == null ? ScenarioLoader.shipped() : ScenarioLoader.load(scenarios);
        CsvOptions options = delimiter == null ? CsvOptions.DEFAULTS : CsvOptions.DEFAULTS.withDelimiter(CsvOptions.parseDelimiter(delimiter));
        Frame frame = CsvReader.read(input, options);
        InjectionResult result = ScenarioInjector.inject(frame, set, randomState);
        FrameCsv.write(result.frame(), output);
        PrintWriter err = spec.commandLine().getErr();
        for (String w : result.warnings()) {
            err.println("sentinel inject: warning: " + w);
        }
        err.flush();
        if (report != null) {
            writeReport(set, frame, result);
        }
        out.printf("wrote %d rows (%d read, %d injected rows labeled) to %s in %s%n", result.frame().rows(), frame.rows(),
                result.rowsLabeled(), output, SynthOptions.seconds(t0));
        for (InjectionResult.Outcome o : result.outcomes()) {
            if (o.applied()) {
                Business b = o.scenario().business();
                out.printf(Locale.ROOT, "  %-20s %6d rows  risk %-8s SLA %s  -> %s%n", o.scenario().name(), o.rowsLabeled(),
                        b.riskLevel().id(), sla(b.slaMinutes()), String.join(" > ", b.escalationPath()));
            } else {
                out.printf("  %-20s skipped%n", o.scenario().name());
            }
        }
        out.flush();
        return 0;
    }

    private static String sla(int minutes) {
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    private void writeReport(ScenarioSet set, Frame in, InjectionResult result) throws Exception {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", input.toString());
        root.put("output", output.toString());
        root.put("scenarios_file", set.source());
        root.put("random_state", randomState);
        root.put("rows_in", in.rows());
        root.put("rows_out", result.frame().rows());
        root.put("rows_labeled", result.rowsLabeled());
        List<Map<String, Object>> list = new ArrayList<>();
        for (InjectionResult.Outcome o : result.outcomes()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", o.scenario().name());
            s.put("description", o.scenario().description());
            s.put("applied", o.applied());
            s.put("skipped_because", o.skippedBecause());
            s.put("rows_picked", o.picked());
            s.put("rows_labeled", o.rowsLabeled());
            Business b = o.scenario().business();
            Map<String, Object> biz = new LinkedHashMap<>();
            biz.put("risk_level", b.riskLevel().id());
            biz.put("estimated_cost", b.estimatedCost());
            biz.put("currency", b.currency());
            biz.put("sla_minutes", b.slaMinutes());
            biz.put("recommended_action", b.recommendedAction());
            biz.put("escalation_path", b.escalationPath());
            s.put("business", biz);
            list.add(s);
        }
        root.put("scenarios", list);
        root.put("warnings", result.warnings());
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        AtomicFile.writeString(report, json + "\n");
    }
}
