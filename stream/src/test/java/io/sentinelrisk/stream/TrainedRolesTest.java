package io.sentinelrisk.stream;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.RecordAlerts;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.features.scoring.EventScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle with a feature plan whose config names no id column: the training rules make
 * {@code event_id} and {@code device_id} keys. A later, smaller file read for the bundle, then
 * scored as a batch (exported, or record by record as the Flink job's sameness test does), gives
 * every alert the id and alert id the stream gives the same event.
 */
class TrainedRolesTest {
    @TempDir
    Path dir;

    @Test
    void theAlertIdIsTheSameOnEveryPathWithoutNamedIds() {
        SocBundle soc = SocBundle.make(dir, 5, 8, 40, 0.75, SocBundle.config(5, List.of()));
        Pipeline pipeline = soc.pipeline();
        Dataset later = soc.laterData(pipeline);
        List<Alert> exported = BatchScoring.of(pipeline, later).alerts();
        Frame enriched = new EventScorer(pipeline).enrich(later.frame(), later.lineNumbers(), later.source());
        List<Alert> records = RecordAlerts.of(pipeline, enriched, new Scorer(pipeline).score(enriched, later.source(), 1),
                later.source());
        StreamScorer stream = new StreamScorer(pipeline);
        for (int r = 0; r < later.rows(); r++) {
            Alert streamed = ((StreamOutcome.Scored) stream.score(SocBundle.json(later.frame(), r), "events")).alert();
            assertThat(streamed.id()).as("row %d: the trained keys", r).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) streamed.id()).keySet().stream().map(String::valueOf).toList())
                    .containsExactlyInAnyOrder("event_id", "device_id");
            assertThat(exported.get(r).id()).as("row %d exported id", r).isEqualTo(streamed.id());
            assertThat(exported.get(r).alertId()).as("row %d exported alert_id", r).isEqualTo(streamed.alertId());
            assertThat(records.get(r).id()).as("row %d record id", r).isEqualTo(streamed.id());
            assertThat(records.get(r).alertId()).as("row %d record alert_id", r).isEqualTo(streamed.alertId());
            assertThat(records.get(r).features()).as("row %d features", r).isEqualTo(streamed.features());
        }
    }
}
