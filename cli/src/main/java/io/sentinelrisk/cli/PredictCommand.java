package io.sentinelrisk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.explain.Explainer;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.ingest.RecordReader;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.features.scoring.EventScorer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sentinel predict}: score JSON records, one answer per record. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        header = "Score JSON records with a bundle: label, score, risk level and reasons for each.",
        description = {"Reads one JSON object (--record) or a file of records (--input: a JSON array or JSON Lines)",
            "and writes one JSON line per record: predicted_label, anomaly_score, risk, risk_level,",
            "risk_reason and severity. Missing fields are imputed as in training; unknown fields are ignored."})
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
    Path output;

    @Option(names = "--state", paramLabel = "FILE",
            description = "With a model trained with --features: start every entity from this state (written by train or score --state-out).")
    Path state;

    @Option(names = "--state-out", paramLabel = "FILE",
            description = "With a model trained with --features: write every entity's state after these records, for the next run's --state.")
    Path stateOut;

    @Option(names = "--medium-at", defaultValue = "90", paramLabel = "RISK",
            description = "risk from which risk_level is Medium (default: ${DEFAULT-VALUE}).")
    double mediumAt;

    @Option(names = "--high-at", defaultValue = "98", paramLabel = "RISK",
            description = "risk from which risk_level is High (default: ${DEFAULT-VALUE}).")
    double highAt;

    @Override
    public Integer call() throws IOException {
        if (!(0 <= mediumAt && mediumAt <= highAt && highAt <= 100)) {
            throw new InputException("--medium-at and --high-at must satisfy 0 <= medium <= high <= 100, found "
                    + mediumAt + " and " + highAt);
        }
        Pipeline pipeline = Bundles.read(model);
        String name = source.record != null ? "--record" : source.input.toString();
        EventScorer scorer = new EventScorer(pipeline);
        if (state != null) {
            scorer.readState(state);
        }
        if (stateOut != null) {
            scorer.requireFeatures("--state-out");   // before any work: refused without a feature plan
        }
        List<JsonNode> records = RecordReader.parse(text(), name);
        // Raw events: the bundle's feature plan (if any) adds the features, in time order per entity.
        Frame frame = scorer.enrich(scorer.records(records, name), null, name);
        ScoredBatch scores = pipeline.score(frame, name, pipeline.threads());
        StringBuilder out = new StringBuilder();
        int topFeatures = Math.max(1, pipeline.config().explainTopFeatures());
        for (int r = 0; r < frame.rows(); r++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record", r + 1);
            m.put("predicted_label", scores.isAnomaly()[r] ? 1 : 0);
            m.put("anomaly_score", scores.score()[r]);
            m.put("risk", Math.round(scores.risk()[r] * 100) / 100.0);
            String level = scores.risk()[r] >= highAt ? "High" : scores.risk()[r] >= mediumAt ? "Medium" : "Low";
            m.put("risk_level", level);
            List<Reason> reasons = pipeline.explain(frame, r, topFeatures);
            m.put("risk_reason", level.equals("Low") ? null : Explainer.narrative(reasons));
            m.put("severity", scores.severity()[r].id());
            out.append(Json.line(m)).append('\n');
        }
        if (output != null) {
            AtomicFile.writeString(output, out.toString());
        } else {
            spec.commandLine().getOut().print(out);
            spec.commandLine().getOut().flush();
        }
        if (stateOut != null) {
            scorer.writeState(stateOut);
        }
        return 0;
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
