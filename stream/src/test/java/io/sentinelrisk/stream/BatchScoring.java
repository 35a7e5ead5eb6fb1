package io.sentinelrisk.stream;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.AlertExport;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.features.scoring.EventScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch path of {@code sentinel score} on a file: enrich it whole, score it as one block,
 * export each row's alert (what the stream results are compared with).
 */
record BatchScoring(List<ScoredRecord> records, List<Alert> alerts) {
    static BatchScoring of(Pipeline pipeline, Dataset data) {
        Frame enriched = new EventScorer(pipeline).enrich(data.frame(), data.lineNumbers(), data.source());
        ScoredData scored = new ScoredData(data.source(), enriched, pipeline.score(enriched, data.source(), 2), pipeline, null,
                data.lineNumbers());
        int top = pipeline.config().explainTopFeatures();
        List<ScoredRecord> records = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (int r = 0; r < enriched.rows(); r++) {
            alerts.add(AlertExport.alert(scored, r, top));
            records.add(scored.scores().record(r, pipeline.explain(enriched, r, top)));
        }
        return new BatchScoring(records, alerts);
    }
}
