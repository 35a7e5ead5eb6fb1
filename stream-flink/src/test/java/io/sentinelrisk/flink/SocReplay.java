package io.sentinelrisk.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.RecordAlerts;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.features.scoring.FeatureStage;
import io.sentinelrisk.synth.FrameCsv;
import io.sentinelrisk.synth.soc.SocGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A generated SOC file split in two: a bundle with the SOC feature pack trained on the first part,
 * and the later part as (a) the file {@code sentinel score} reads, scored by the batch API it uses
 * (features over the whole block, then the scorer), and (b) one JSON event per row, in file order,
 * as a stream would carry them.
 */
final class SocReplay {
    static final String SOURCE = "later.csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path bundle;
    final Pipeline pipeline;
    /** The later events as JSON objects, in file (time) order. */
    final List<String> events;
    /** Each event's entity (the user), the Kafka key its producer uses. */
    final List<String> users;
    /** Batch alerts of the later events by alert_id, with what names the input left out ({@link #comparable}). */
    final Map<String, JsonNode> batch;
    /** The training events as JSON objects, in file (time) order, and their users: a stream with the training distribution. */
    final List<String> trainEvents;
    final List<String> trainUsers;

    private SocReplay(Path bundle, Pipeline pipeline, List<String> events, List<String> users, Map<String, JsonNode> batch,
                      List<String> trainEvents, List<String> trainUsers) {
        this.bundle = bundle;
        this.pipeline = pipeline;
        this.events = events;
        this.users = users;
        this.batch = batch;
        this.trainEvents = trainEvents;
        this.trainUsers = trainUsers;
    }

    static SocReplay make(Path dir, int rows, long seed) {
        Frame all = SocGenerator.demo(rows, rows / 20, seed);
        int cut = rows * 2 / 3;
        Path trainCsv = dir.resolve("train.csv");
        Path laterCsv = dir.resolve(SOURCE);
        FrameCsv.write(all.selectRows(IntStream.range(0, cut).toArray()), trainCsv);
        FrameCsv.write(all.selectRows(IntStream.range(cut, rows).toArray()), laterCsv);

        SentinelConfig cfg = config(seed);
        Dataset train = DatasetLoader.load(trainCsv, cfg, null, false, null);
        FeatureStage stage = FeatureStage.of(FeatureStage.compile("pack:soc"));
        Frame trainFrame = stage.enrich(train.frame(), train.lineNumbers(), trainCsv.getFileName().toString());
        Pipeline fitted = new PipelineTrainer(cfg).fit(trainFrame, train.labels()).pipeline();
        Path bundle = dir.resolve("m.srb");
        Bundles.write(fitted.withFeatures(stage.part()), bundle, Instant.EPOCH);
        Pipeline pipeline = Bundles.read(bundle);

        Dataset later = DatasetLoader.load(laterCsv, pipeline.config(), null, false, pipeline.inputSchema());
        Frame raw = later.frame();
        Frame enriched = new EventScorer(pipeline).enrich(raw, later.lineNumbers(), SOURCE);
        List<ScoredRecord> scored = new Scorer(pipeline).score(enriched, SOURCE, 2);
        Map<String, JsonNode> batch = new LinkedHashMap<>();
        for (Alert a : RecordAlerts.of(pipeline, enriched, scored, SOURCE)) {
            batch.put(a.alertId(), comparable(Json.line(a)));
        }
        List<String> events = new ArrayList<>();
        List<String> users = new ArrayList<>();
        int user = raw.schema().indexOf("user");
        for (int r = 0; r < raw.rows(); r++) {
            events.add(json(raw, r));
            users.add(raw.text(user, r));
        }
        Frame trainRaw = DatasetLoader.load(trainCsv, pipeline.config(), null, false, pipeline.inputSchema()).frame();
        List<String> trainEvents = new ArrayList<>();
        List<String> trainUsers = new ArrayList<>();
        for (int r = 0; r < trainRaw.rows(); r++) {
            trainEvents.add(json(trainRaw, r));
            trainUsers.add(trainRaw.text(trainRaw.schema().indexOf("user"), r));
        }
        return new SocReplay(bundle, pipeline, events, users, batch, trainEvents, trainUsers);
    }

    /** The configuration `sentinel train --features pack:soc` would use on this file. */
    private static SentinelConfig config(long seed) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("random_state", seed);
        // no id named: the training rules make event_id and device_id keys, and data read for the
        // bundle (batch) takes the roles it was trained with, as the stream's records do
        flags.put("contamination", 0.05);
        flags.put("ignore_columns", List.of("scenario"));
        return SentinelConfig.fromMap(new LinkedHashMap<>(), flags, k -> null, "test");
    }

    /** Row {@code r} as the JSON object a producer would send: every value as text, the label left out. */
    private static String json(Frame raw, int r) {
        ObjectNode o = JSON.createObjectNode();
        Schema s = raw.schema();
        for (int c = 0; c < s.size(); c++) {
            if (s.field(c).role() != ColumnRole.LABEL && !raw.column(c).isMissing(r)) {
                o.put(s.field(c).name(), raw.text(c, r));
            }
        }
        return o.toString();
    }

    /**
     * An alert's JSON without what names its input ({@code source}, {@code row}, {@code line}):
     * everything else — id, entity, time, features, score, risk, severity, reasons — must be equal.
     */
    static JsonNode comparable(String alertJson) {
        try {
            ObjectNode o = (ObjectNode) JSON.readTree(alertJson);
            o.remove(List.of("source", "row", "line", "label"));
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
