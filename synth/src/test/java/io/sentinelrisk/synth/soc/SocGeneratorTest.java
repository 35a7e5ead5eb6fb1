package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.synth.Cols;
import io.sentinelrisk.synth.Geo;
import io.sentinelrisk.synth.TinyIsolationForest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sentinelrisk.synth.Cols.count;
import static io.sentinelrisk.synth.Cols.num;
import static io.sentinelrisk.synth.Cols.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocGeneratorTest {
    private static SocData data;
    private static Frame events;

    @BeforeAll
    static void generateDefaults() {
        data = SocGenerator.generate(SocConfig.defaults());
        events = data.events();
    }

    @Test
    void hasTheDocumentedColumnsAndRowCount() {
        assertThat(events.schema().names()).containsExactlyElementsOf(SocGenerator.EVENT_COLUMNS);
        assertThat(data.users().schema().names()).containsExactlyElementsOf(SocGenerator.USER_COLUMNS);
        assertThat(events.rows()).isEqualTo(40_000);
        assertThat(data.users().rows()).isEqualTo(200);
        assertThat(count(texts(data.users(), "high_risk"), "1")).isEqualTo(20);
    }

    @Test
    void sameSeedSameRowsWhateverTheThreads_otherSeedOtherRows() {
        SocConfig small = SocConfig.defaults().withUsers(50).withEventsPerUser(60).withAnomalyFraction(0.05);
        String one = Cols.dump(SocGenerator.generate(small, 1).events());
        String four = Cols.dump(SocGenerator.generate(small, 4).events());
        String other = Cols.dump(SocGenerator.generate(small.withRandomState(7), 4).events());
        assertThat(four).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }

    @Test
    void eventsAreSortedByTimeAndNumbered() {
        long[] ts = Cols.time(events, "timestamp");
        double[] id = num(events, "event_id");
        for (int i = 1; i < ts.length; i++) {
            assertThat(ts[i]).isGreaterThanOrEqualTo(ts[i - 1]);
            assertThat(id[i]).isEqualTo(id[i - 1] + 1);
        }
        assertThat(Cols.text(events, "timestamp", 0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void attackRowsAreExactlyTheFractionSharedAmongTheAttacks() {
        String[] scenario = texts(events, "scenario");
        double[] label = num(events, "label");
        long exfil = count(scenario, "data_exfiltration");
        long travel = count(scenario, "impossible_travel");
        long brute = count(scenario, "brute_force");
        // 400 attack rows: 133 in storms, the other 267 split 134 / 133
        assertThat(exfil + travel + brute).isEqualTo(400);
        assertThat(brute).isEqualTo(133);
        assertThat(exfil).isEqualTo(134);
        assertThat(travel).isEqualTo(133);
        assertThat(count(scenario, "normal")).isEqualTo(40_000 - 400);
        for (int i = 0; i < label.length; i++) {
            assertThat(label[i]).isEqualTo(scenario[i].equals("normal") ? 0.0 : 1.0);
        }
    }

    @ParameterizedTest
    @CsvSource({"data_exfiltration, 0.02", "impossible_travel, 0.003", "brute_force, 0.01"})
    void aSingleAttackTakesAllTheAttackRows(String attack, double fraction) {
        SocConfig config = SocConfig.defaults().withUsers(40).withEventsPerUser(100).withAnomalyFraction(fraction)
                .withAttacks(EnumSet.of(SocAttack.parse(attack)));
        String[] scenario = texts(SocGenerator.generate(config).events(), "scenario");
        assertThat(count(scenario, attack)).isEqualTo(Math.round(4000 * fraction));
        assertThat(count(scenario, "normal")).isEqualTo(4000 - Math.round(4000 * fraction));
    }

    @Test
    void bruteForceAloneNeedsRoomForOneStorm() {
        SocConfig config = SocConfig.defaults().withUsers(10).withEventsPerUser(100).withAnomalyFraction(0.01)
                .withAttacks(EnumSet.of(SocAttack.BRUTE_FORCE));
        assertThatThrownBy(() -> SocGenerator.generate(config)).isInstanceOf(InputException.class)
                .hasMessageContaining("brute_force").hasMessageContaining("found 10");
    }

    @Test
    void invalidConfigNamesTheFlag() {
        assertThatThrownBy(() -> SocConfig.defaults().withUsers(0)).isInstanceOf(InputException.class)
                .hasMessageContaining("--n-users").hasMessageContaining("found 0");
        assertThatThrownBy(() -> SocConfig.defaults().withAnomalyFraction(0.9)).isInstanceOf(InputException.class)
                .hasMessageContaining("--contamination");
    }

    @Test
    void impossibleTravelIsFasterThanAnyPlaneFromThePreviousEvent() {
        String[] scenario = texts(events, "scenario");
        String[] user = texts(events, "user");
        long[] ts = Cols.time(events, "timestamp");
        double[] lat = num(events, "lat");
        double[] lon = num(events, "lon");
        double[] geo = num(events, "geo_distance_km");
        double[] trusted = num(events, "device_trusted");
        Map<String, Integer> last = new HashMap<>();
        int checked = 0;
        for (int i = 0; i < ts.length; i++) {
            Integer prev = last.put(user[i], i);
            if (!scenario[i].equals("impossible_travel")) {
                continue;
            }
            assertThat(prev).as("travel row %d has a previous event", i).isNotNull();
            double km = Geo.distanceKm(lat[prev], lon[prev], lat[i], lon[i]);
            double hours = (ts[i] - ts[prev]) / 3_600_000.0;
            assertThat(km).isGreaterThan(2000);
            assertThat(geo[i]).isCloseTo(km, org.assertj.core.data.Offset.offset(0.01));
            assertThat(hours).isPositive();
            assertThat(km / hours).as("speed of travel row %d", i).isGreaterThan(1000);
            assertThat(trusted[i]).isZero();
            checked++;
        }
        assertThat(checked).isEqualTo(133);
    }

    @Test
    void bruteForceStormsAre20To50FailuresWithNoSuccess() {
        String[] scenario = texts(events, "scenario");
        String[] device = texts(events, "device_id");
        double[] success = num(events, "success");
        double[] failed = num(events, "failed_attempts");
        long[] ts = Cols.time(events, "timestamp");
        Map<String, List<Integer>> storms = new HashMap<>();
        for (int i = 0; i < scenario.length; i++) {
            if (scenario[i].equals("brute_force")) {
                storms.computeIfAbsent(device[i], k -> new ArrayList<>()).add(i);
            }
        }
        assertThat(storms).hasSize(3);
        for (List<Integer> rows : storms.values()) {
            assertThat(rows.size()).isBetween(20, 50);
            long spanMs = ts[rows.get(rows.size() - 1)] - ts[rows.get(0)];
            assertThat(spanMs).isLessThanOrEqualTo(10L * 60 * 1000);
            for (int i : rows) {
                assertThat(success[i]).isZero();
                assertThat(failed[i]).isEqualTo(rows.size());
            }
        }
    }

    @Test
    void exfiltrationMovesFarMoreBytesThanTheUsersBaselineLateAtNight() {
        Frame users = data.users();
        Map<String, Double> baseline = new HashMap<>();
        String[] names = texts(users, "user");
        double[] baseOut = num(users, "bytes_out_baseline");
        for (int u = 0; u < names.length; u++) {
            baseline.put(names[u], baseOut[u]);
        }
        String[] scenario = texts(events, "scenario");
        String[] user = texts(events, "user");
        String[] type = texts(events, "event_type");
        double[] out = num(events, "bytes_out");
        double[] hour = num(events, "hour");
        double[] trusted = num(events, "device_trusted");
        double maxNormalRatio = 0;
        for (int i = 0; i < scenario.length; i++) {
            double ratio = out[i] / baseline.get(user[i]);
            if (scenario[i].equals("data_exfiltration")) {
                assertThat(ratio).isGreaterThanOrEqualTo(49.9);
                assertThat(hour[i]).isIn(22.0, 23.0, 0.0, 1.0, 2.0, 3.0, 4.0);
                assertThat(trusted[i]).isZero();
                assertThat(type[i]).isEqualTo("transfer");
            } else if (scenario[i].equals("normal")) {
                maxNormalRatio = Math.max(maxNormalRatio, ratio);
            }
        }
        assertThat(maxNormalRatio).isLessThan(50);
    }

    @Test
    void normalActivityFollowsEachUsersHabits() {
        Frame users = data.users();
        Map<String, Double> habit = new HashMap<>();
        String[] names = texts(users, "user");
        double[] loginHour = num(users, "login_hour");
        double[] risky = num(users, "high_risk");
        for (int u = 0; u < names.length; u++) {
            if (risky[u] == 0) {
                habit.put(names[u], loginHour[u]);
            }
        }
        String[] scenario = texts(events, "scenario");
        String[] user = texts(events, "user");
        double[] hour = num(events, "hour");
        double[] geo = num(events, "geo_distance_km");
        double[] success = num(events, "success");
        double[] trusted = num(events, "device_trusted");
        int n = 0;
        int nearHabit = 0;
        int nearHome = 0;
        int ok = 0;
        int trustedCount = 0;
        for (int i = 0; i < scenario.length; i++) {
            Double h = habit.get(user[i]);
            if (!scenario[i].equals("normal") || h == null) {
                continue;
            }
            n++;
            double diff = Math.abs(hour[i] + 0.5 - h);
            if (Math.min(diff, 24 - diff) <= 3) {
                nearHabit++;
            }
            if (geo[i] < 10) {
                nearHome++;
            }
            ok += (int) success[i];
            trustedCount += (int) trusted[i];
        }
        assertThat((double) nearHabit / n).isGreaterThan(0.95);
        assertThat((double) nearHome / n).isGreaterThan(0.98);
        assertThat((double) ok / n).isBetween(0.95, 0.995);
        assertThat((double) trustedCount / n).isBetween(0.96, 0.995);
    }

    @Test
    void demoHasExactlyTheRequestedRowsAndAttacks() {
        Frame demo = SocGenerator.demo(1234, 37, 5);
        assertThat(demo.rows()).isEqualTo(1234);
        assertThat(num(demo, "label")).matches(l -> java.util.Arrays.stream(l).sum() == 37);
        assertThat(SocGenerator.demo(1234, 37, 5).rows()).isEqualTo(1234);
        assertThat(Cols.dump(SocGenerator.demo(1234, 37, 5))).isEqualTo(Cols.dump(demo));
        assertThatThrownBy(() -> SocGenerator.demo(100, 80, 1)).isInstanceOf(InputException.class)
                .hasMessageContaining("--anomalies");
    }

    @ParameterizedTest
    @CsvSource({"2, 1", "10, 0", "100, 50", "250, 59", "250, 60", "3001, 777"})
    void demoCountsAreExactAtAnySize(int samples, int anomalies) {
        Frame demo = SocGenerator.demo(samples, anomalies, samples);
        String[] scenario = texts(demo, "scenario");
        assertThat(demo.rows()).isEqualTo(samples);
        assertThat(count(scenario, "normal")).isEqualTo(samples - anomalies);
        // storms (20–50 rows each) take a third of the attack rows once that third reaches 20
        assertThat(count(scenario, "brute_force")).isEqualTo(anomalies / 3 >= 20 ? anomalies / 3 : 0);
    }

    @Test
    void demoAttacksAreSeparableByAnIsolationForestOnTheFeatureColumns() {
        Frame demo = SocGenerator.demo(5000, 100, 42);
        List<double[]> features = new ArrayList<>();
        for (Field f : demo.schema().fields()) {
            if (f.role() == ColumnRole.FEATURE && f.type() != ColumnType.CATEGORICAL) {
                features.add(num(demo, f.name()));
            }
        }
        assertThat(features).hasSizeGreaterThanOrEqualTo(6);
        int n = demo.rows();
        int d = features.size();
        double[] x = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                x[r * d + j] = features.get(j)[r];
            }
        }
        double[] scores = TinyIsolationForest.score(x, n, d, 100, 256, 1);
        assertThat(Cols.auc(scores, num(demo, "label"))).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void fortyThousandEventsTakeWellUnderTwoSeconds() {
        SocGenerator.generate(SocConfig.defaults().withRandomState(1));
        long t0 = System.nanoTime();
        SocGenerator.generate(SocConfig.defaults().withRandomState(2));
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0);
    }
}
