package io.sentinelrisk.core.export;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.mapping.FrameMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-N export: a JSON array of the most anomalous records as {@link Alert}s, highest score
 * first. Field names are documented in docs/outputs.md.
 */
public final class AlertExport {
    private AlertExport() {
    }

    public static List<Alert> alerts(ScoredData data, int topN) {
        return alerts(data, topN, null);
    }

    /**
     * The top-N alerts of {@code data}, whose row {@code i} is the input's record
     * {@code rowNumbers[i]} (null: the same number), in input order: what a streamed input keeps
     * of its most anomalous records ({@link TopRows}).
     */
    public static List<Alert> alerts(ScoredData data, int topN, int[] rowNumbers) {
        int top = data.pipeline().config().explainTopFeatures();
        FrameMapper mapper = data.mapper().orElse(null);
        List<Alert> out = new ArrayList<>();
        for (int row : TopAlerts.select(data.scores().score(), topN)) {
            out.add(alert(data, mapper, row, top, rowNumbers == null ? row : rowNumbers[row]));
        }
        return out;
    }

    /** Writes alerts already made. */
    public static void write(Path target, List<Alert> alerts) {
        AtomicFile.write(target, os -> os.write(Json.bytes(alerts)));
    }

    public static void write(Path target, ScoredData data, int topN) {
        List<Alert> alerts = alerts(data, topN);
        AtomicFile.write(target, os -> os.write(Json.bytes(alerts)));
    }

    /** Row {@code row} of a scored batch as an alert with its {@code topFeatures} strongest reasons. */
    public static Alert alert(ScoredData data, int row, int topFeatures) {
        return alert(data, data.mapper().orElse(null), row, topFeatures, row);
    }

    /**
     * As {@link #alert(ScoredData, int, int)} with the data's mapper bound once (null: no mapping),
     * for the input's record {@code rowNumber}.
     */
    public static Alert alert(ScoredData data, FrameMapper mapper, int row, int topFeatures, int rowNumber) {
        var reasons = data.pipeline().explain(data.frame(), row, topFeatures);
        var judged = data.pipeline().judgeAttributions(data.frame(), new int[] {row}, topFeatures).get(0);
        var scored = data.scores().record(row, reasons, judged);
        AlertOrigin origin = new AlertOrigin(data.source(), rowNumber,
                data.lineNumbers() == null ? null : data.lineNumbers()[row],
                RecordValues.id(data.frame(), row),
                data.labels() == null ? null : data.labels()[row]);
        return Alert.of(scored, origin, RecordValues.features(data.frame(), row),
                mapper == null ? null : data.business(mapper, row, true, () -> reasons));
    }
}
