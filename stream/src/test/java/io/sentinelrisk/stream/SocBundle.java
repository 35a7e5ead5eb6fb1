package io.sentinelrisk.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.features.scoring.FeatureStage;
import io.sentinelrisk.synth.FrameCsv;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated SOC events (the synth module's generator) and a bundle trained on their first part
 * with the {@code pack:soc} feature plan: the data of the stream tests.
 *
 * @param bundle the written bundle
 * @param train  the training events' CSV
 * @param later  the later events' CSV (to stream)
 */
record SocBundle(Path bundle, Path train, Path later) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code users} × {@code eventsPerUser} events, the first {@code trainShare} of them (in time order) trained on. */
    static SocBundle make(Path dir, long seed, int users, int eventsPerUser, double trainShare) {
        return make(dir, seed, users, eventsPerUser, trainShare, config(seed, List.of("event_id")));
    }

    /** The same, trained with {@code cfg}. */
    static SocBundle make(Path dir, long seed, int users, int eventsPerUser, double trainShare, SentinelConfig cfg) {
        try {
            Path all = dir.resolve("soc.csv");
            FrameCsv.write(SocGenerator.generate(new SocConfig(users, eventsPerUser, 0.02, 0.1, 5, null, null, seed)).events(), all);
            List<String> lines = Files.readAllLines(all);
            int cut = 1 + (int) ((lines.size() - 1) * trainShare);
            Path train = dir.resolve("train.csv");
            Path later = dir.resolve("later.csv");
            Files.write(train, lines.subList(0, cut));
            List<String> rest = new ArrayList<>();
            rest.add(lines.get(0));
            rest.addAll(lines.subList(cut, lines.size()));
            Files.write(later, rest);

            Dataset d = DatasetLoader.load(train, cfg, null, false, null);
            FeatureStage stage = FeatureStage.of(FeatureStage.compile("pack:soc"));
            Frame enriched = stage.enrich(d.frame(), d.lineNumbers(), train.toString());
            Pipeline fitted = new PipelineTrainer(cfg).fit(enriched, null).pipeline().withFeatures(stage.part());
            Path bundle = dir.resolve("m.srb");
            Bundles.write(fitted, bundle, Instant.EPOCH);
            return new SocBundle(bundle, train, later);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** iforest, {@code idColumns} named as ids (none: the training rules find them), the answer ignored. */
    static SentinelConfig config(long seed, List<String> idColumns) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("detector.type", "iforest");
        flags.put("random_state", seed);
        flags.put("id_columns", idColumns);
        flags.put("ignore_columns", List.of("scenario", "label"));
        return SentinelConfig.fromMap(new LinkedHashMap<>(), flags, k -> null, "test");
    }

    Pipeline pipeline() {
        return Bundles.read(bundle);
    }

    /** The later events as the loader reads them for {@code pipeline}. */
    Dataset laterData(Pipeline pipeline) {
        return DatasetLoader.load(later, pipeline.config(), null, false, pipeline.inputSchema());
    }

    /** Row {@code r} of a raw frame as the JSON object a producer sends (every value as text, missing left out). */
    static String json(Frame raw, int r) {
        ObjectNode o = JSON.createObjectNode();
        Schema s = raw.schema();
        for (int c = 0; c < s.size(); c++) {
            if (s.field(c).role() != ColumnRole.LABEL && !raw.column(c).isMissing(r)) {
                o.put(s.field(c).name(), raw.text(c, r));
            }
        }
        return o.toString();
    }
}
