package io.sentinelrisk.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine-neutral scorer: equal to the batch path event by event, in both modes; bad and late events. */
class StreamScorerTest {
    @TempDir
    static Path dir;
    static SocBundle soc;
    static Pipeline pipeline;
    static Dataset later;
    static List<ScoredRecord> batch;
    static List<Alert> batchAlerts;

    @BeforeAll
    static void data() {
        soc = SocBundle.make(dir, 21, 12, 60, 0.5);
        pipeline = soc.pipeline();
        later = soc.laterData(pipeline);
        BatchScoring b = BatchScoring.of(pipeline, later);
        batch = b.records();
        batchAlerts = b.alerts();
    }

    @Test
    void onePassEqualsBatchEventByEvent() {
        StreamScorer s = new StreamScorer(pipeline);
        for (int r = 0; r < later.rows(); r++) {
            StreamOutcome o = s.score(SocBundle.json(later.frame(), r), "events");
            assertThat(o).as("row %d", r).isInstanceOf(StreamOutcome.Scored.class);
            StreamOutcome.Scored got = (StreamOutcome.Scored) o;
            assertThat(got.record()).as("row %d", r).isEqualTo(batch.get(r));
            sameAlert(got.alert(), batchAlerts.get(r), r);
            assertThat(got.late()).isFalse();
        }
        assertThat(s.counts().scored()).isEqualTo(later.rows());
        assertThat(s.counts().anomalies()).isEqualTo(batch.stream().filter(ScoredRecord::isAnomaly).count()).isPositive();
        assertThat(s.entities()).isGreaterThan(1);
    }

    @Test
    void keyedEqualsBatchWithTheEngineHoldingTheState() {
        StreamScorer s = new StreamScorer(pipeline);
        Map<String, byte[]> keyed = new HashMap<>();
        for (int r = 0; r < later.rows(); r++) {
            String json = SocBundle.json(later.frame(), r);
            String key = s.entityKey(json);
            assertThat(key).isEqualTo(later.frame().text(later.frame().schema().indexOf("user"), r));
            KeyedOutcome k = s.scoreKeyed(keyed.get(key), json, "events");
            StreamOutcome.Scored got = (StreamOutcome.Scored) k.outcome();
            assertThat(got.record()).as("row %d", r).isEqualTo(batch.get(r));
            sameAlert(got.alert(), batchAlerts.get(r), r);
            assertThat(got.entity()).isEqualTo(key);
            assertThat(k.entityState()).isNotNull();
            keyed.put(key, k.entityState());
            assertThat(s.entities()).as("the scorer holds nothing between keyed calls").isZero();
        }
        assertThatThrownBy(() -> s.score("{}", "x")).isInstanceOf(IllegalStateException.class);
        byte[] some = keyed.values().iterator().next().clone();
        some[some.length / 2] ^= 1;
        assertThatThrownBy(() -> s.scoreKeyed(some, SocBundle.json(later.frame(), 0), "events"))
                .hasMessageContaining("checksum");
    }

    @Test
    void badEventsAreDeadLettersAndTheStateStays() throws Exception {
        StreamScorer s = new StreamScorer(pipeline);
        for (int r = 0; r < 20; r++) {
            s.score(SocBundle.json(later.frame(), r), "events");
        }
        byte[] before = s.stateBytes();
        ObjectNode noUser = (ObjectNode) new ObjectMapper().readTree(SocBundle.json(later.frame(), 20));
        noUser.remove("user");
        ObjectNode badNumber = (ObjectNode) new ObjectMapper().readTree(SocBundle.json(later.frame(), 20));
        badNumber.put("bytes_out", "lots");
        ObjectNode noTime = (ObjectNode) new ObjectMapper().readTree(SocBundle.json(later.frame(), 20));
        noTime.remove("timestamp");
        Map<String, String> cases = Map.of("{not json", "not valid JSON", "[1,2]", "expected a JSON object",
                noUser.toString(), "no entity", badNumber.toString(), "bytes_out", noTime.toString(), "timestamp");
        cases.forEach((raw, reason) -> {
            StreamOutcome o = s.score(raw, "events");
            assertThat(o).as(raw).isInstanceOf(StreamOutcome.DeadLetter.class);
            assertThat(((StreamOutcome.DeadLetter) o).reason()).as(raw).contains(reason);
            assertThat(((StreamOutcome.DeadLetter) o).raw()).isEqualTo(raw);
        });
        assertThat(s.counts().deadLetters()).isEqualTo(cases.size());
        assertThat(s.stateBytes()).isEqualTo(before);
        assertThat(s.entityKey("{not json")).isEmpty();
    }

    @Test
    void lateEventsAreScoredFlaggedCountedAndLeaveTheState() {
        StreamScorer s = new StreamScorer(pipeline);
        int n = 200;
        for (int r = 0; r < n; r++) {
            s.score(SocBundle.json(later.frame(), r), "events");
        }
        byte[] before = s.stateBytes();
        // an event of row 10 again: older than its entity's latest event by now
        StreamOutcome o = s.score(SocBundle.json(later.frame(), 10), "events");
        assertThat(o).isInstanceOf(StreamOutcome.Scored.class);
        StreamOutcome.Scored late = (StreamOutcome.Scored) o;
        assertThat(late.late()).isTrue();
        assertThat(late.alert().eventTime()).isEqualTo(batchAlerts.get(10).eventTime());
        assertThat(s.counts().late()).isEqualTo(1);
        assertThat(s.stateBytes()).as("a late event does not enter the state").isEqualTo(before);
        // and the stream goes on as if it had not come
        for (int r = n; r < later.rows(); r++) {
            StreamOutcome.Scored got = (StreamOutcome.Scored) s.score(SocBundle.json(later.frame(), r), "events");
            assertThat(got.record()).as("row %d", r).isEqualTo(batch.get(r));
        }
    }

    /** Equal except where the alert names its input (source, row, line). */
    static void sameAlert(Alert got, Alert expected, int r) {
        assertThat(got.id()).isEqualTo(expected.id());
        assertThat(got.alertId()).as("row %d alert id (the bundle has an id column)", r).isEqualTo(expected.alertId());
        assertThat(got.features()).as("row %d features", r).isEqualTo(expected.features());
        assertThat(got.score()).isEqualTo(expected.score());
        assertThat(got.risk()).isEqualTo(expected.risk());
        assertThat(got.severity()).isEqualTo(expected.severity());
        assertThat(got.reasons()).isEqualTo(expected.reasons());
        assertThat(got.narrative()).isEqualTo(expected.narrative());
        assertThat(got.entity()).isEqualTo(expected.entity());
        assertThat(got.eventTime()).isEqualTo(expected.eventTime());
        assertThat(got.id()).isEqualTo(expected.id());
    }
}
