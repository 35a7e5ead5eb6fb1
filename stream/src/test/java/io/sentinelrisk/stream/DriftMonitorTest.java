package io.sentinelrisk.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Drift over the stream's sliding window: a planted shift raises one drift alert naming the column; unshifted data stays quiet. */
@Tag("slow")
class DriftMonitorTest {
    @TempDir
    static java.nio.file.Path dir;
    static Pipeline pipeline;
    static Dataset later;

    @BeforeAll
    static void data() {
        SocBundle soc = SocBundle.make(dir, 41, 20, 80, 0.5);
        pipeline = soc.pipeline();
        later = soc.laterData(pipeline);
    }

    private static List<DriftAlert> stream(double bytesOutFactor) throws Exception {
        StreamScorer s = new StreamScorer(pipeline, new StreamScorer.Options(0, 400, 100));
        ObjectMapper json = new ObjectMapper();
        List<DriftAlert> alerts = new ArrayList<>();
        for (int r = 0; r < later.rows(); r++) {
            ObjectNode e = (ObjectNode) json.readTree(SocBundle.json(later.frame(), r));
            e.put("bytes_out", Double.toString(Double.parseDouble(e.get("bytes_out").asText()) * bytesOutFactor));
            StreamOutcome.Scored o = (StreamOutcome.Scored) s.score(e.toString(), "events");
            if (o.drift() != null) {
                alerts.add(o.drift());
            }
        }
        return alerts;
    }

    @Test
    void aPlantedShiftIsDetectedOnceAndNamed() throws Exception {
        List<DriftAlert> alerts = stream(25);
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.get(0).significant()).contains("bytes_out");
        assertThat(alerts.get(0).report().rows()).isBetween(100L, 400L);
        assertThat(alerts.stream().filter(a -> a.significant().contains("bytes_out"))).as("raised once while it stays").hasSize(1);
    }

    @Test
    void aMonitorRestoredFromItsBytesMidStreamRaisesTheSameAlerts() throws Exception {
        StreamScorer rows = new StreamScorer(pipeline, new StreamScorer.Options(0, 0, 1, true));
        ObjectMapper json = new ObjectMapper();
        List<double[]> kept = new ArrayList<>();
        for (int r = 0; r < later.rows(); r++) {
            ObjectNode e = (ObjectNode) json.readTree(SocBundle.json(later.frame(), r));
            e.put("bytes_out", Double.toString(Double.parseDouble(e.get("bytes_out").asText()) * 25));
            kept.add(((StreamOutcome.Scored) rows.score(e.toString(), "events")).driftRow());
        }
        var profile = pipeline.profile().orElseThrow();
        DriftMonitor through = new DriftMonitor(profile, 400, 100);
        DriftMonitor before = new DriftMonitor(profile, 400, 100);
        DriftMonitor after = new DriftMonitor(profile, 400, 100);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        int cut = later.rows() / 2 + 37;
        for (int i = 0; i < kept.size(); i++) {
            DriftAlert x = through.addKept(kept.get(i));
            if (x != null) {
                a.add(io.sentinelrisk.core.codec.Json.line(x));
            }
            if (i == cut) {
                after.restore(before.stateBytes(), "test");
            }
            DriftAlert y = (i < cut ? before : after).addKept(kept.get(i));
            if (y != null) {
                b.add(io.sentinelrisk.core.codec.Json.line(y));
            }
        }
        assertThat(a).isNotEmpty();
        assertThat(b).isEqualTo(a);
        // and the kept rows give the very alerts of the scorer's own monitor over the same events
        assertThat(stream(25)).extracting(io.sentinelrisk.core.codec.Json::line).isEqualTo(a);
    }

    @Test
    void unshiftedEventsStayQuietOnThatColumn() throws Exception {
        List<DriftAlert> alerts = stream(1);
        assertThat(alerts).noneMatch(a -> a.significant().contains("bytes_out"));
    }
}
