package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.io.AtomicFile;

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
        int top = data.pipeline().config().explainTopFeatures();
        List<Alert> out = new ArrayList<>();
        for (int row : TopAlerts.select(data.scores().score(), topN)) {
            out.add(alert(data, row, top));
        }
        return out;
    }

    /** Where row {@code row} of a scored batch came from, with its alert id, entity and event time. */
    public static AlertOrigin origin(ScoredData data, int row) {
        Object id = RecordValues.id(data.frame(), row);
        return new AlertOrigin(AlertIds.of(ModelId.of(data.pipeline()), data.source(), row, id), data.source(), row,
                data.lineNumbers() == null ? null : data.lineNumbers()[row], id,
                data.events().entity(data.frame(), row), data.events().eventTime(data.frame(), row),
                data.labels() == null ? null : data.labels()[row]);
    }

    public static void write(Path target, ScoredData data, int topN) {
        List<Alert> alerts = alerts(data, topN);
        AtomicFile.write(target, os -> os.write(Json.bytes(alerts)));
    }

    /** Row {@code row} of a scored batch as an alert with its {@code topFeatures} strongest reasons. */
    public static Alert alert(ScoredData data, int row, int topFeatures) {
        var scored = data.scores().record(row, data.pipeline().explain(data.frame(), row, topFeatures));
        return Alert.of(scored, origin(data, row), RecordValues.features(data.frame(), row));
    }
}
