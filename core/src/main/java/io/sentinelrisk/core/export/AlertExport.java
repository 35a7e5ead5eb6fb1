package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
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

    /** Where row {@code row} of a scored batch came from, with its alert id, entity and event time. */
    public static AlertOrigin origin(ScoredData data, int row) {
        return origin(data, row, row);
    }

    /**
     * The same for row {@code row} of a block that is the input's record {@code rowNumber} (the
     * alert id follows the record, so it does not depend on how the input was cut into blocks).
     */
    public static AlertOrigin origin(ScoredData data, int row, int rowNumber) {
        Object id = RecordValues.id(data.frame(), row);
        return new AlertOrigin(AlertIds.of(ModelId.of(data.pipeline()), data.source(), rowNumber, id), data.source(), rowNumber,
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
        return Alert.of(scored, origin(data, row, rowNumber), RecordValues.features(data.frame(), row),
                mapper == null ? null : data.business(mapper, row, true, () -> reasons));
    }
}
