package io.sentinelrisk.features;

import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Builds;
import io.sentinelrisk.features.testing.Compare;
import io.sentinelrisk.features.testing.Csv;
import io.sentinelrisk.features.testing.EventLogs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time correctness: an event's features use only its entity's events strictly earlier in
 * time. Checked on every engine: hand-computed cases, planted future events, tie order.
 */
@Tag("integration")
class PointInTimeTest {
    private static final FeatureSpec ALL = SpecReader.read(EventLogs.ALL_KINDS_SPEC, "all-kinds.yaml");

    private static final String SMALL_SPEC = """
            entity: user
            timestamp: ts
            entity_ttl: 2d
            columns: {amount: numeric}
            features:
              - {name: n_1h, type: count, window: 1h}
              - {name: sum_1h, type: sum, of: amount, window: 1h}
              - {name: last2_sum, type: sum, of: amount, window: 2 events}
              - {name: prev_amount, type: previous, of: amount}
              - {name: since, type: time_since_previous}
            """;

    @TempDir
    Path dir;

    private Csv build(String engine, FeatureSpec spec, Path in) {
        Path out = dir.resolve(engine + "-" + in.getFileName());
        return switch (engine) {
            case "duckdb" -> Builds.duckdb(spec, in, out);
            case "stream" -> Builds.stream(spec, in, out);
            default -> Builds.postgres(spec, in, out);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "stream", "postgresql"})
    void anEventNeverSeesItselfNorItsTiesAndWindowsAreHalfOpen(String engine) throws Exception {
        Path in = Files.writeString(dir.resolve("small.csv"), """
                user,ts,amount
                u,2024-01-01T00:00:00Z,1
                u,2024-01-01T00:00:00Z,2
                u,2024-01-01T01:00:00Z,4
                u,2024-01-01T01:00:00.001Z,8
                v,2024-01-01T01:00:00Z,100
                u,2024-01-01T01:00:00.001Z,16
                u,2024-01-04T00:00:00Z,32
                """);
        Csv out = build(engine, SpecReader.read(SMALL_SPEC, "small.yaml"), in);
        // rows: 1 and 2 are ties at 00:00: neither sees the other
        assertThat(col(out, "n_1h")).containsExactly(0, 0, 2, 1, 0, 1, 0);
        assertThat(col(out, "sum_1h")).containsExactly(0, 0, 3, 4, 0, 4, 0);
        // at 01:00 the window [00:00, 01:00) still holds both 00:00 events; at 01:00:00.001 they are out
        // count window: the 2 latest earlier events in (time, input position) order; ties share it
        assertThat(col(out, "last2_sum")).containsExactly(0, 0, 3, 6, 0, 6, 0);
        assertThat(col(out, "prev_amount")).containsExactly(Double.NaN, Double.NaN, 2, 4, Double.NaN, 4, Double.NaN);
        assertThat(col(out, "since")).containsExactly(Double.NaN, Double.NaN, 3600, 0.001, Double.NaN, 0.001, Double.NaN);
        // the last event comes 3 days after the previous one, more than entity_ttl 2d: a fresh start
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "stream", "postgresql"})
    void plantedFutureEventsNeverLeak(String engine) throws Exception {
        List<EventLogs.Event> events = EventLogs.generate(7, 300, 3);
        long cutoff = events.get(150).ts();
        List<EventLogs.Event> past = events.stream().filter(e -> e.ts() <= cutoff).toList();

        // Plant wild events for the same users: later than the cutoff, and exactly at it (ties).
        Random rnd = new Random(7);
        List<EventLogs.Event> full = new ArrayList<>(events);
        for (int i = 0; i < 60; i++) {
            long ts = i % 4 == 0 ? cutoff : cutoff + 1 + rnd.nextInt(2 * 86_400_000);
            String line = "%s,u%d,%s,login,false,%d,planted%d,%.3f,%.3f".formatted("p" + i, rnd.nextInt(3),
                    Instant.ofEpochMilli(ts), 1_000_000_000 + i, i, -80.0 + i, 170.0 - i);
            full.add(rnd.nextInt(full.size() + 1), new EventLogs.Event(ts, line));
        }
        Csv before = build(engine, ALL, EventLogs.write(dir.resolve("past.csv"), past));
        Csv after = build(engine, ALL, EventLogs.write(dir.resolve("full.csv"), full));

        Map<String, Integer> rowOf = rowsById(after);
        int compared = 0;
        for (int r = 0; r < before.rows.size(); r++) {
            int a = rowOf.get(before.get(r, "id"));
            for (String f : ALL.outputNames()) {
                assertThat(Compare.close(before.num(r, f), after.num(a, f)))
                        .as("%s of %s: %s without the planted events, %s with them", f, before.get(r, "id"), before.get(r, f), after.get(a, f))
                        .isTrue();
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(150 * 30);
        // and the planted events did change later features, so the check above could fail
        assertThat(after.rows.stream().anyMatch(row -> row.get(after.col("amount_max_5e")).startsWith("1000000"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "stream"})
    void orderOfTiesOnlyMattersForCountWindowsAndPreviousValues(String engine) {
        List<EventLogs.Event> events = new ArrayList<>(EventLogs.generate(5, 300, 2));
        Path a = EventLogs.write(dir.resolve("a.csv"), events);
        Collections.reverse(events);
        events.sort(java.util.Comparator.comparingLong(EventLogs.Event::ts)); // stable: ties now reversed
        Path b = EventLogs.write(dir.resolve("b.csv"), events);
        Csv x = build(engine, ALL, a);
        Csv y = build(engine, ALL, b);
        Map<String, Integer> rowOf = rowsById(y);
        for (int r = 0; r < x.rows.size(); r++) {
            int s = rowOf.get(x.get(r, "id"));
            for (String f : ALL.outputNames()) {
                if (!isTieOrderDependent(f)) {
                    assertThat(Compare.close(x.num(r, f), y.num(s, f))).as("%s of %s", f, x.get(r, "id")).isTrue();
                }
            }
        }
    }

    @Test
    void buildsAreDeterministic() throws Exception {
        Path in = EventLogs.write(dir.resolve("e.csv"), EventLogs.generate(3, 200, 3));
        Builds.duckdb(ALL, in, dir.resolve("1.csv"));
        Builds.duckdb(ALL, in, dir.resolve("2.csv"));
        Builds.stream(ALL, in, dir.resolve("3.csv"));
        Builds.stream(ALL, in, dir.resolve("4.csv"));
        assertThat(Files.readString(dir.resolve("1.csv"))).isEqualTo(Files.readString(dir.resolve("2.csv")));
        assertThat(Files.readString(dir.resolve("3.csv"))).isEqualTo(Files.readString(dir.resolve("4.csv")));
    }

    /** Count windows and previous-event values break ties by input position, by definition. */
    private static boolean isTieOrderDependent(String f) {
        return f.matches(".*_\\d+e") || f.startsWith("prev_") || f.equals("device_changed") || f.equals("km") || f.equals("kmh");
    }

    private static Map<String, Integer> rowsById(Csv c) {
        Map<String, Integer> m = new HashMap<>();
        for (int r = 0; r < c.rows.size(); r++) {
            m.put(c.get(r, "id"), r);
        }
        return m;
    }

    private static double[] col(Csv c, String name) {
        double[] v = new double[c.rows.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = c.num(r, name);
        }
        return v;
    }
}
