package io.sentinelrisk.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.DisplayText;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.ingest.RecordReader;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.core.export.AlertJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code sentinel predict}: score JSON records, one answer per record. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Score JSON records with a bundle: one alert (score, risk, severity, reasons) for each.",
        description = {"Reads one JSON object (--record) or a file of records (--input: a JSON array or JSON Lines) "
            + "and writes one JSON line per record: the alert of docs/outputs.md (score, risk, severity, is_anomaly, "
            + "reasons; also predicted_label, anomaly_score, risk_level, risk_reason).",
            "Missing fields, null and \"\" are imputed as in training; numbers may be given as text (\"42\"). "
            + "Unknown fields are named in a warning; a record with none of the model's columns is an error "
            + "unless --allow-missing is given."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE.srb", description = "The bundle to score with.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--record", paramLabel = "JSON", description = "One record as a JSON object.")
        String record;

        @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Records: a JSON array of objects, or JSON Lines; '-' reads stdin.")
        Path input;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the JSON lines here (atomically) instead of stdout.")
    @Output
    Path output;

    @Option(names = "--allow-missing",
            description = "Score a record that has none of the model's columns (on imputed values alone) instead of refusing it.")
    boolean allowMissing;

    @Option(names = "--state", paramLabel = "FILE",
            description = "With a model trained with --features: start every entity from this state (written by train or score --state-out).")
    Path state;

    @Option(names = "--state-out", paramLabel = "FILE",
            description = "With a model trained with --features: write every entity's state after these records, for the next run's --state.")
    @Output
    Path stateOut;

    // The High/Medium/Low scheme is gone: risk_level is the severity band. The flags are still
    // accepted for a release so that scripts keep running, with a warning.
    @Option(names = "--medium-at", hidden = true, paramLabel = "RISK", description = "Deprecated and ignored.")
    Double mediumAt;

    @Option(names = "--high-at", hidden = true, paramLabel = "RISK", description = "Deprecated and ignored.")
    Double highAt;

    @Option(names = "--threads", paramLabel = "N", description = ConfigOverrides.THREADS_HELP)
    Integer threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        for (String flag : deprecatedFlagsGiven()) {
            err.println("sentinel predict: warning: " + flag + " is deprecated and ignored: risk_level is now the severity band"
                    + " (critical, high, medium, info; set by severity_bands at train time)");
        }
        Pipeline pipeline = BundlePrefetch.read(model);
        String name = source.record != null ? "--record" : source.input.toString();
        EventScorer scorer = new EventScorer(pipeline);
        if (state != null) {
            scorer.readState(state);
        }
        if (stateOut != null) {
            scorer.requireFeatures("--state-out");   // before any work: refused without a feature plan
        }
        RecordReader.Parsed records = RecordReader.parseWithLines(text(), name);
        // With a feature plan, a raw event brings the columns the plan reads (entity, time, values),
        // not the features it computes: those are what a record must have some of.
        List<String> unknown = scorer.stage().isPresent()
                ? RecordReader.check(records, pipeline.inputSchema(), pipeline.inputSchema().names(), name, allowMissing)
                : RecordReader.check(records, pipeline.schema(), name, allowMissing);
        if (!unknown.isEmpty()) {
            err.println("sentinel predict: warning: " + name + ": fields the model does not know, ignored: "
                    + unknown.stream().map(DisplayText::truncate).collect(Collectors.joining(", ")));
        }
        err.flush();
        // Raw events: the bundle's feature plan (if any) adds the features, in time order per entity.
        Frame frame = scorer.enrich(scorer.records(records.records(), name), null, name);
        int workers = threads == null ? pipeline.threads()
                : pipeline.config().withOverrides(Map.of("threads", threads), "flags").effectiveThreads();
        ScoredBatch scores = pipeline.score(frame, name, workers);
        ScoredData data = new ScoredData(name, frame, scores, pipeline, null, source.record != null ? null : records.lines());
        int topFeatures = Math.max(1, pipeline.config().explainTopFeatures());
        List<Alert> alerts = new ArrayList<>(frame.rows());
        for (int r = 0; r < frame.rows(); r++) {
            alerts.add(AlertExport.alert(data, r, topFeatures));
        }
        String out = lines(alerts);
        if (output != null) {
            AtomicFile.writeString(output, out);
        } else {
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
        }
        if (stateOut != null) {
            scorer.writeState(stateOut);
        }
        return 0;
    }

    /**
     * One JSON line per alert, written by the streaming generator ({@link AlertJson}: the same
     * bytes as the data binder) rather than by an {@code ObjectMapper}, whose set-up (bean
     * serializers by reflection, date formats, locale data) cost a one-record predict more than
     * scoring it (docs/benchmarks.md, "Start-up").
     */
    static String lines(List<Alert> alerts) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (Alert a : alerts) {
                AlertJson.write(g, a);
                g.writeRaw('\n');
            }
        }
        return out.toString();
    }

    private List<String> deprecatedFlagsGiven() {
        List<String> given = new ArrayList<>();
        if (mediumAt != null) {
            given.add("--medium-at");
        }
        if (highAt != null) {
            given.add("--high-at");
        }
        return given;
    }

    private String text() throws IOException {
        if (source.record != null) {
            return source.record;
        }
        if (source.input.toString().equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(source.input);
        } catch (NoSuchFileException e) {
            throw new InputException(InputLocation.file(source.input.toString()), "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(InputLocation.file(source.input.toString()), "not valid UTF-8 text");
        }
    }
}
