package io.sentinelrisk.core.export;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.mapping.FrameMapper;
import io.sentinelrisk.core.mapping.ScoreFacts;
import io.sentinelrisk.core.pipeline.ColumnRoles;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alerts of records scored one at a time ({@code Scorer}), as the server and streams emit
 * them: the same {@link Alert} as the batch exports, with its id, entity, event time and, when the
 * bundle has a business mapping, what it means to the business.
 */
public final class RecordAlerts {
    private RecordAlerts() {
    }

    /**
     * One alert per row of {@code scoredFrame} (the records as scored: {@code scored.get(r)} is row
     * {@code r}). Its columns are read with the roles the model was trained with — columns a feature
     * stage added included — so an alert names the same id and features as the batch exports.
     */
    public static List<Alert> of(Pipeline pipeline, Frame scoredFrame, List<ScoredRecord> scored, String source) {
        Frame frame = ColumnRoles.asTrained(scoredFrame, pipeline.schema());
        FrameMapper mapper = pipeline.mapping().map(m -> m.bind(frame)).orElse(null);
        EventColumns events = EventColumns.of(pipeline);
        AlertIds.Hasher ids = new AlertIds.Hasher(ModelId.of(pipeline), source);
        RecordValues.FeatureColumns columns = RecordValues.FeatureColumns.of(frame);
        List<Alert> alerts = new ArrayList<>(scored.size());
        for (int r = 0; r < scored.size(); r++) {
            ScoredRecord rec = scored.get(r);
            Map<String, Object> features = columns.values(r);
            Object id = RecordValues.id(frame, r, features);
            AlertOrigin origin = new AlertOrigin(ids.of(r, id), source, r, null, id,
                    events.entity(frame, r), events.eventTime(frame, r), null);
            ScoreFacts facts = new ScoreFacts(rec.score(), rec.risk(), rec.severity(), rec.isAnomaly(),
                    rec.judge() == null ? null : rec.judge().predictedClass());
            alerts.add(Alert.of(rec, origin, features,
                    mapper == null ? null : mapper.business(r, facts, rec::reasons)));
        }
        return alerts;
    }
}
