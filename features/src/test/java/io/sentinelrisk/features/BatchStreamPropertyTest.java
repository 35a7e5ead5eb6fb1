package io.sentinelrisk.features;

import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Builds;
import io.sentinelrisk.features.testing.Compare;
import io.sentinelrisk.features.testing.Csv;
import io.sentinelrisk.features.testing.EventLogs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The central invariant: for random event logs (ties, window edges hit exactly, gaps beyond the
 * TTL, missing values), batch SQL on DuckDB and the streaming engine give every event the same
 * value of every kind of feature.
 */
@Tag("slow")
class BatchStreamPropertyTest {
    private static final FeatureSpec SPEC = SpecReader.read(EventLogs.ALL_KINDS_SPEC, "all-kinds.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22})
    void batchSqlAndStreamingGiveEqualFeaturesForEveryEvent(long seed) {
        Random rnd = new Random(seed);
        int users = 1 + rnd.nextInt(6);
        int n = 150 + rnd.nextInt(350);
        Path in = EventLogs.write(dir.resolve("events.csv"), EventLogs.generate(seed, n, users));

        Csv batch = Builds.duckdb(SPEC, in, dir.resolve("batch.csv"));
        Csv stream = Builds.stream(SPEC, in, dir.resolve("stream.csv"));

        assertThat(batch.rows).hasSize(n);
        Compare.assertSame(batch, stream, SPEC.outputNames(), "seed " + seed + " (" + users + " users, " + n + " events)");
        assertNotTrivial(batch);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {31, 32, 33})
    void inputOrderDoesNotMatterBeyondTies(long seed) {
        // The same events written in a random order: the batch engine sorts by time, the
        // streaming runner replays in time order; both must still agree with each other.
        List<EventLogs.Event> events = new ArrayList<>(EventLogs.generate(seed, 300, 4));
        Collections.shuffle(events, new Random(seed));
        Path in = EventLogs.write(dir.resolve("shuffled.csv"), events);
        Compare.assertSame(Builds.duckdb(SPEC, in, dir.resolve("b.csv")), Builds.stream(SPEC, in, dir.resolve("s.csv")),
                SPEC.outputNames(), "shuffled seed " + seed);
    }

    /** Guards against a vacuous pass: the logs must exercise the features. */
    private static void assertNotTrivial(Csv out) {
        for (String f : List.of("n_24h", "amount_std_24h", "devices_4e", "amount_z_24h", "since_last", "km", "amount_med_6e")) {
            long nonNull = 0;
            for (int r = 0; r < out.rows.size(); r++) {
                if (!Double.isNaN(out.num(r, f)) && out.num(r, f) != 0) {
                    nonNull++;
                }
            }
            assertThat(nonNull).as("non-zero values of %s", f).isGreaterThan(out.rows.size() / 10);
        }
    }
}
