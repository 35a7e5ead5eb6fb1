package io.sentinelrisk.features;

import io.sentinelrisk.features.plan.FeaturePlan;
import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.Packs;
import io.sentinelrisk.features.spec.SpecReader;
import io.sentinelrisk.features.testing.Builds;
import io.sentinelrisk.features.testing.Compare;
import io.sentinelrisk.features.testing.Csv;
import io.sentinelrisk.features.testing.PackData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped packs: they load, have the documented features, and give equal values on every engine. */
@Tag("integration")
class PacksTest {
    @TempDir
    Path dir;

    @Test
    void packsHaveTheDocumentedFeatures() {
        assertThat(Packs.load("soc").outputNames()).hasSize(17).contains("event_count_24h", "time_since_last",
                "failed_login_ratio_24h", "bytes_out_zscore_7d", "bytes_in_zscore_7d", "distinct_devices_7d", "distinct_countries_7d",
                "geo_distance_since_login_km", "geo_speed_since_login_kmh", "off_hours", "new_device");
        assertThat(Packs.load("web-session").outputNames()).hasSize(18).contains("clicks_per_sec", "scrolls_per_sec",
                "touches_per_sec", "keyboard_per_sec", "mouse_per_sec", "interaction_score", "interaction_diversity", "odd_hour", "large_transaction",
                "short_session", "high_value_short_session", "input_to_navigation_ratio", "active_to_passive_ratio",
                "session_complexity", "transactions_per_minute", "small_screen", "large_screen");
        assertThat(Packs.load("transactions").outputNames()).hasSize(19).contains("tx_count_1h", "amount_zscore_30d", "time_since_last",
                "new_merchant", "new_country");
        assertThat(Packs.load("metrics").outputNames()).hasSize(11).contains("value_mean_60", "value_std_60", "value_zscore_60", "rate_of_change");
        for (String p : Packs.NAMES) {
            FeaturePlan plan = Planner.plan(Packs.load(p));
            assertThat(plan.outputs()).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"soc", "web-session", "transactions", "metrics"})
    void everyEngineGivesTheSameFeatures(String pack) {
        Path in = switch (pack) {
            case "soc" -> PackData.soc(dir.resolve("soc.csv"), 1, 1500, 25);
            case "web-session" -> PackData.webSessions(dir.resolve("web.csv"), 2, 400);
            case "transactions" -> PackData.transactions(dir.resolve("tx.csv"), 3, 800);
            default -> PackData.metrics(dir.resolve("m.csv"), 4, 800);
        };
        FeatureSpec spec = Packs.load(pack);
        Csv duck = Builds.duckdb(spec, in, dir.resolve("duck.csv"));
        Compare.assertSame(duck, Builds.stream(spec, in, dir.resolve("stream.csv")), spec.outputNames(), pack + ": duckdb vs stream");
        Compare.assertSame(duck, Builds.postgres(spec, in, dir.resolve("pg.csv")), spec.outputNames(), pack + ": duckdb vs postgresql");
        for (String f : spec.outputNames()) {
            long set = duck.rows.stream().filter(r -> !r.get(duck.col(f)).isEmpty()).count();
            assertThat(set).as("%s has values", f).isGreaterThan(0);
        }
    }

    @Test
    void socFeaturesMeanWhatTheySay() throws Exception {
        Path in = Files.writeString(dir.resolve("soc.csv"), """
                event_id,user,timestamp,event_type,success,hour,bytes_in,bytes_out,device_id,device_trusted,country,lat,lon,scenario,label
                1,alice,2024-05-01T09:00:00Z,login,true,9,100,10,d1,true,DE,52.52,13.40,normal,0
                2,alice,2024-05-01T09:10:00Z,login,false,9,100,10,d1,true,DE,52.52,13.40,normal,0
                3,alice,2024-05-01T09:20:00Z,transfer,true,9,100,5000,d1,true,DE,52.52,13.40,normal,0
                4,alice,2024-05-01T10:00:00Z,login,true,21,100,10,d9,false,US,40.71,-74.01,attack,1
                """);
        Csv out = Builds.duckdb(Packs.load("soc"), in, dir.resolve("out.csv"));
        assertThat(out.num(3, "event_count_24h")).isEqualTo(3);
        assertThat(out.num(3, "login_count_24h")).isEqualTo(2);
        assertThat(out.num(3, "failed_login_ratio_24h")).isEqualTo(0.5);
        assertThat(out.num(3, "time_since_last")).isEqualTo(2400);
        assertThat(out.num(3, "new_device")).isEqualTo(1);
        assertThat(out.num(2, "new_device")).isEqualTo(0);
        assertThat(out.num(3, "new_country")).isEqualTo(1);
        assertThat(out.num(3, "off_hours")).isEqualTo(1);
        assertThat(out.num(0, "off_hours")).isEqualTo(0);
        // Berlin to New York is about 6,385 km; the previous login was 50 minutes earlier
        assertThat(out.num(3, "geo_distance_since_login_km")).isBetween(6300.0, 6450.0);
        assertThat(out.num(3, "geo_speed_since_login_kmh"))
                .isCloseTo(out.num(3, "geo_distance_since_login_km") / (50 / 60.0), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.get(0, "time_since_last")).isEmpty();
    }

    @Test
    void aSpecCanExtendAPackAndMapItsColumns() throws Exception {
        Path in = PackData.transactions(dir.resolve("tx.csv"), 5, 200);
        String renamed = Files.readString(in).replaceFirst("card_id", "pan").replaceFirst("amount", "amt");
        Files.writeString(in, renamed);
        FeatureSpec spec = SpecReader.read("""
                pack: transactions
                mapping: {card_id: pan, amount: amt}
                features:
                  - {name: amount_max_7d, type: max, of: amount, window: 7d}
                """, "mine.yaml");
        Csv out = Builds.duckdb(spec, in, dir.resolve("out.csv"));
        assertThat(out.header).contains("pan", "amt", "tx_count_24h", "amount_max_7d");
        FeatureSpec viaMap = Packs.load("transactions").withMapping(Map.of("card_id", "pan", "amount", "amt"));
        Csv out2 = Builds.duckdb(viaMap, in, dir.resolve("out2.csv"));
        Compare.assertSame(out, out2, viaMap.outputNames(), "pack+mapping vs withMapping");
        assertThat(List.copyOf(out.header)).endsWith("amount_max_7d");
    }
}
