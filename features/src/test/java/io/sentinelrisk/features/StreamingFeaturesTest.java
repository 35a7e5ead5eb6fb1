package io.sentinelrisk.features;

import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.stream.EventRow;
import io.sentinelrisk.features.stream.LateEventException;
import io.sentinelrisk.features.stream.StreamingFeatures;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming engine used directly, event by event, and its bounded state. */
class StreamingFeaturesTest {
    private static final String SPEC = """
            entity: user
            timestamp: ts
            entity_ttl: 1d
            columns: {amount: numeric, device: string, ok: boolean}
            features:
              - {name: n_1h, type: count, window: 1h}
              - {name: amount_mean_1h, type: mean, of: amount, window: 1h}
              - {name: devices_1h, type: distinct_count, of: device, window: 1h}
              - {name: last5_max, type: max, of: amount, window: 5 events}
              - {name: since, type: time_since_previous}
              - {name: failed, flag: "not ok"}
            """;

    private static StreamingFeatures engine() {
        return new StreamingFeatures(Planner.plan(SpecReader.read(SPEC, "s.yaml")));
    }

    @Test
    void eventByEvent() {
        StreamingFeatures f = engine();
        EventRow row = f.newRow();
        double[] out = new double[f.outputCount()];
        int user = f.slot("user");
        int amount = f.slot("amount");
        int device = f.slot("device");
        int ok = f.slot("ok");
        String[][] events = {{"2024-01-01T10:00:00Z", "10", "a", "true"}, {"2024-01-01T10:20:00Z", "30", "b", "no"},
                {"2024-01-01T10:20:00Z", "50", "b", ""}, {"2024-01-01T11:10:00Z", "", "c", "1"}};
        double[][] expected = {{0, Double.NaN, 0, Double.NaN, Double.NaN, 0}, {1, 10, 1, 10, 1200, 1},
                {1, 10, 1, 10, 1200, 0}, {2, 40, 1, 50, 3000, 0}};
        for (int i = 0; i < events.length; i++) {
            row.clear();
            row.text(user, "alice");
            assertThat(row.parse(f.slot("ts"), events[i][0])).isTrue();
            assertThat(row.parse(amount, events[i][1])).isTrue();
            assertThat(row.parse(device, events[i][2])).isTrue();
            assertThat(row.parse(ok, events[i][3])).isTrue();
            f.process(row, out);
            assertThat(out).as("event %d", i + 1).containsExactly(expected[i]);
        }
        assertThat(row.parse(amount, "12x")).isFalse();
        assertThat(row.parse(ok, "maybe")).isFalse();
        assertThat(row.parse(f.slot("ts"), "not a time")).isFalse();
    }

    @Test
    void windowsAreEvictedSoStateStaysBounded() {
        StreamingFeatures f = engine();
        EventRow row = f.newRow();
        double[] out = new double[f.outputCount()];
        long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            row.clear();
            row.timestamp(t + i * 60_000L).text(f.slot("user"), "u" + (i % 3)).number(f.slot("amount"), i).text(f.slot("device"), "d" + i);
            f.process(row, out);
        }
        // three users, one event every 3 minutes each: a 1h window holds 20 events per user
        assertThat(f.bufferedEvents()).isLessThanOrEqualTo(3 * (21 + 6));
        assertThat(out[0]).isEqualTo(20);
        assertThat(out[2]).isEqualTo(20);
    }

    @Test
    void entitiesIdlePastTheTtlAreDropped() {
        StreamingFeatures f = engine();
        EventRow row = f.newRow();
        double[] out = new double[f.outputCount()];
        long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 1000; i++) {
            row.clear();
            row.timestamp(t).text(f.slot("user"), "one-off-" + i);
            f.process(row, out);
        }
        assertThat(f.entities()).isEqualTo(1000);
        row.clear();
        row.timestamp(t + 86_400_001L).text(f.slot("user"), "busy");
        f.process(row, out);
        f.evictIdle();
        assertThat(f.entities()).isEqualTo(1);
        // a dropped entity that comes back starts afresh, as it would have anyway (gap > ttl)
        row.clear();
        row.timestamp(t + 86_400_002L).text(f.slot("user"), "one-off-7");
        f.process(row, out);
        assertThat(out[4]).isNaN();
    }

    @Test
    void lateEventsAreRefused() {
        StreamingFeatures f = engine();
        EventRow row = f.newRow();
        double[] out = new double[f.outputCount()];
        row.timestamp(2_000_000).text(f.slot("user"), "u");
        f.process(row, out);
        row.timestamp(1_000_000);
        assertThatThrownBy(() -> f.process(row, out)).isInstanceOf(LateEventException.class)
                .hasMessageContaining("entity 'u'").hasMessageContaining("time order");
        row.clear();
        row.text(f.slot("user"), "u");
        assertThatThrownBy(() -> f.process(row, out)).hasMessageContaining("no timestamp");
    }
}
