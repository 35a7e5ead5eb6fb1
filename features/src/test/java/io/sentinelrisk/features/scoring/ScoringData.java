package io.sentinelrisk.features.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.DatasetLoader;
import io.sentinelrisk.features.testing.PackData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Labelled SOC events in time order (with ties), split into a training part and later events to score. */
final class ScoringData {
    private ScoringData() {
    }

    static SentinelConfig config(String detector, long seed) {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("detector.type", detector);
        flags.put("random_state", seed);
        flags.put("id_columns", List.of("event_id"));
        flags.put("ignore_columns", List.of("scenario"));
        return SentinelConfig.fromMap(new LinkedHashMap<>(), flags, k -> null, "test");
    }

    /**
     * Writes {@code n} events (every 10th an exfiltration: label 1, 40× the bytes out) and returns
     * the files of the first {@code trainShare} of them and of the rest ({@code all.csv} in
     * {@code dir} holds them all).
     */
    static Path[] split(Path dir, long seed, int n, double trainShare) {
        try {
            Path all = PackData.soc(dir.resolve("all.csv"), seed, n, 6);
            List<String> lines = Files.readAllLines(all);
            List<String> out = new ArrayList<>();
            out.add(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (i % 10 == 0) {
                    f[7] = Long.toString(Long.parseLong(f[7]) * 40);
                    f[13] = "exfiltration";
                    f[14] = "1";
                }
                out.add(String.join(",", f));
            }
            Files.write(all, out);
            int cut = 1 + (int) ((out.size() - 1) * trainShare);
            Path train = dir.resolve("train.csv");
            Path later = dir.resolve("later.csv");
            Files.write(train, out.subList(0, cut));
            List<String> rest = new ArrayList<>();
            rest.add(out.get(0));
            rest.addAll(out.subList(cut, out.size()));
            Files.write(later, rest);
            return new Path[] {train, later};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dataset load(Path csv, SentinelConfig cfg, Schema expected) {
        return DatasetLoader.load(csv, cfg, null, false, expected);
    }

    /** Row {@code r} of a raw frame as the JSON object a client would send (every value as text, label left out). */
    static JsonNode json(Frame raw, int r) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        Schema s = raw.schema();
        for (int c = 0; c < s.size(); c++) {
            if (s.field(c).role() != ColumnRole.LABEL && !raw.column(c).isMissing(r)) {
                o.put(s.field(c).name(), raw.text(c, r));
            }
        }
        return o;
    }
}
