package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.synth.Cols;
import io.sentinelrisk.synth.FrameBuilder;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocGenerator;
import io.sentinelrisk.synth.transactions.TransactionConfig;
import io.sentinelrisk.synth.transactions.TransactionGenerator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sentinelrisk.synth.Cols.count;
import static io.sentinelrisk.synth.Cols.num;
import static io.sentinelrisk.synth.Cols.texts;
import static org.assertj.core.api.Assertions.assertThat;

class ScenarioInjectorTest {
    private static final String BUSINESS = """
                business: {risk_level: low, estimated_cost: 1, sla_minutes: 5, recommended_action: x, escalation_path: [a]}
            """;
    private static final long T0 = 1_700_000_000_000L;

    /** 100 rows: id, user, time (one a minute), kind (a/b alternating), amount (integers), ok (boolean). */
    private static Frame sample() {
        int n = 100;
        double[] id = new double[n];
        int[] user = new int[n];
        long[] ts = new long[n];
        int[] kind = new int[n];
        double[] amount = new double[n];
        double[] ok = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = i + 1;
            user[i] = i % 7;
            ts[i] = T0 + i * 60_000L;
            kind[i] = i % 2;
            amount[i] = 10 + i;
            ok[i] = 1;
        }
        return new FrameBuilder()
                .numeric("id", id, ColumnRole.ID)
                .categorical("user", user, List.of("u0", "u1", "u2", "u3", "u4", "u5", "u6"), ColumnRole.ID)
                .timestamp("timestamp", ts, ColumnRole.ID)
                .categorical("kind", kind, List.of("a", "b"), ColumnRole.FEATURE)
                .numeric("amount", amount, ColumnRole.FEATURE)
                .bool("ok", ok, ColumnRole.FEATURE)
                .build();
    }

    private static ScenarioSet file(String scenarios) {
        return ScenarioLoader.parse("sort_by: timestamp\nid_columns: [id]\nscenarios:\n" + scenarios, "test.yaml");
    }

    @Test
    void modifyLabelsExactlyTheCountAmongRowsThatMatch() {
        ScenarioSet set = file("""
                  - name: big
                    count: 10
                    where: [{column: kind, equals: b}]
                    operations:
                      - {op: scale, column: amount, factor: [20, 30]}
                      - {op: set, column: ok, value: false}
                """ + BUSINESS);
        Frame in = sample();
        InjectionResult result = ScenarioInjector.inject(in, set, 1);
        Frame out = result.frame();
        assertThat(out.rows()).isEqualTo(100);
        assertThat(out.schema().names()).containsExactly("id", "user", "timestamp", "kind", "amount", "ok", "scenario", "label");
        String[] scenario = texts(out, "scenario");
        double[] label = num(out, "label");
        double[] amount = num(out, "amount");
        double[] ok = num(out, "ok");
        String[] kind = texts(out, "kind");
        double[] id = num(out, "id");
        assertThat(count(scenario, "big")).isEqualTo(10);
        assertThat(count(scenario, "normal")).isEqualTo(90);
        for (int r = 0; r < 100; r++) {
            double before = num(in, "amount")[(int) id[r] - 1];
            if (scenario[r].equals("big")) {
                assertThat(label[r]).isEqualTo(1);
                assertThat(kind[r]).isEqualTo("b");
                assertThat(amount[r] / before).isBetween(19.9, 30.1);
                assertThat(amount[r]).isEqualTo(Math.rint(amount[r]));
                assertThat(ok[r]).isZero();
            } else {
                assertThat(label[r]).isZero();
                assertThat(amount[r]).isEqualTo(before);
                assertThat(ok[r]).isEqualTo(1);
            }
        }
        assertThat(result.outcomes().get(0).picked()).isEqualTo(10);
        assertThat(result.warnings()).isEmpty();
        // the input is not touched
        assertThat(num(in, "amount")[1]).isEqualTo(11);
    }

    @Test
    void addPutsBurstsAfterThePickedRowsAndLabelsOnlyThem() {
        ScenarioSet set = file("""
                  - name: burst
                    count: 4
                    mode: add
                    copies: 3
                    spread: {column: timestamp, seconds: [1, 30]}
                    operations:
                      - {op: burst_size, column: amount}
                      - {op: set, column: kind, value: c}
                """ + BUSINESS);
        Frame out = ScenarioInjector.inject(sample(), set, 7).frame();
        assertThat(out.rows()).isEqualTo(112);
        String[] scenario = texts(out, "scenario");
        String[] kind = texts(out, "kind");
        String[] user = texts(out, "user");
        double[] amount = num(out, "amount");
        double[] id = num(out, "id");
        long[] ts = Cols.time(out, "timestamp");
        assertThat(count(scenario, "burst")).isEqualTo(12);
        Set<Double> ids = new HashSet<>();
        for (int r = 0; r < out.rows(); r++) {
            assertThat(ids.add(id[r])).as("ids stay unique").isTrue();
            if (r > 0) {
                assertThat(ts[r]).isGreaterThanOrEqualTo(ts[r - 1]);
            }
            if (scenario[r].equals("burst")) {
                assertThat(kind[r]).isEqualTo("c");
                assertThat(amount[r]).isEqualTo(3);
                assertThat(id[r]).isGreaterThan(100);
                // the picked row is the last original row before the burst, within 30 s, same user
                int seed = r - 1;
                while (scenario[seed].equals("burst")) {
                    seed--;
                }
                assertThat(user[seed]).isEqualTo(user[r]);
                assertThat(ts[r] - ts[seed]).isBetween(1_000L, 30_000L);
                assertThat(scenario[seed]).isEqualTo("normal");
            }
        }
        assertThat(Cols.text(out, "kind", 0)).isIn("a", "b");
    }

    @Test
    void aScenarioWhoseColumnsAreMissingIsSkippedWithAWarning_theOthersRun() {
        ScenarioSet set = file("""
                  - name: needs_bytes
                    count: 3
                    where: [{column: kind, equals: a}]
                    operations:
                      - {op: scale, column: bytes_out, factor: 10}
                      - {op: set, column: device_trusted, value: false}
                """ + BUSINESS + """
                  - name: optional_parts
                    count: 3
                    operations:
                      - {op: add, column: amount, amount: 1000}
                      - {op: set, column: device_trusted, value: false, if_present: true}
                """ + BUSINESS + """
                  - name: wrong_kind
                    count: 3
                    operations:
                      - {op: scale, column: kind, factor: 2}
                """ + BUSINESS);
        InjectionResult result = ScenarioInjector.inject(sample(), set, 1);
        assertThat(result.warnings()).containsExactly(
                "scenario 'needs_bytes' skipped: it needs columns kind, bytes_out, device_trusted; missing: bytes_out, device_trusted",
                "scenario 'wrong_kind' skipped: operation 'scale' needs column 'kind' to be numeric; it is categorical");
        assertThat(result.outcomes()).extracting(InjectionResult.Outcome::applied).containsExactly(false, true, false);
        String[] scenario = texts(result.frame(), "scenario");
        assertThat(count(scenario, "optional_parts")).isEqualTo(3);
        assertThat(count(scenario, "needs_bytes")).isZero();
    }

    @Test
    void scenariosNeverPickTheSameRowTwice_andAskingTooMuchWarns() {
        ScenarioSet set = file("""
                  - name: first
                    fraction: 0.6
                    operations: [{op: add, column: amount, amount: 1}]
                """ + BUSINESS + """
                  - name: second
                    count: 60
                    operations: [{op: add, column: amount, amount: 2}]
                """ + BUSINESS);
        InjectionResult result = ScenarioInjector.inject(sample(), set, 3);
        String[] scenario = texts(result.frame(), "scenario");
        assertThat(count(scenario, "first")).isEqualTo(60);
        assertThat(count(scenario, "second")).isEqualTo(40);
        assertThat(result.warnings()).containsExactly("scenario 'second': asked for 60 rows, only 40 are eligible; picked 40");
    }

    @Test
    void existingLabelsAreKept() {
        Frame in = sample();
        double[] label = new double[100];
        label[5] = 1;
        label[6] = Double.NaN;
        Frame labeled = new FrameBuilder().add(in.schema().field(0), in.column(0)).add(in.schema().field(4), in.column(4))
                .numeric("label", label, ColumnRole.LABEL).build();
        ScenarioSet set = file("""
                  - name: x
                    count: 2
                    where: [{column: amount, min: 50}]
                    operations: [{op: add, column: amount, amount: 1}]
                """ + BUSINESS);
        Frame out = ScenarioInjector.inject(labeled, set, 3).frame();
        assertThat(out.schema().names()).containsExactly("id", "amount", "label", "scenario");
        assertThat(num(out, "label")[5]).isEqualTo(1);
        assertThat(Cols.text(out, "scenario", 5)).isEqualTo("anomaly");
        assertThat(out.column("label").isMissing(6)).isTrue();
        assertThat(out.column("scenario").isMissing(6)).isTrue();
        assertThat(count(texts(out, "scenario"), "x")).isEqualTo(2);
        assertThat(java.util.Arrays.stream(num(out, "label")).filter(v -> v == 1).count()).isEqualTo(3);
    }

    @Test
    void sameSeedSameOutput_otherSeedOtherOutput() {
        ScenarioSet set = ScenarioLoader.shipped();
        Frame soc = SocGenerator.generate(SocConfig.defaults().withUsers(30).withEventsPerUser(100)).events();
        String a = Cols.dump(ScenarioInjector.inject(soc, set, 5).frame());
        assertThat(Cols.dump(ScenarioInjector.inject(soc, set, 5).frame())).isEqualTo(a);
        assertThat(Cols.dump(ScenarioInjector.inject(soc, set, 6).frame())).isNotEqualTo(a);
    }

    @Test
    void theShippedScenariosOnSocEvents() {
        Frame soc = SocGenerator.generate(SocConfig.defaults()).events();
        InjectionResult result = ScenarioInjector.inject(soc, ScenarioLoader.shipped(), 42);
        assertThat(result.warnings()).containsExactly(
                "scenario 'velocity_spike' skipped: it needs columns timestamp, amount; missing: amount",
                "scenario 'high_value_sudden' skipped: it needs columns amount; missing: amount");
        Frame out = result.frame();
        Map<String, Integer> labeled = new HashMap<>();
        for (InjectionResult.Outcome o : result.outcomes()) {
            labeled.put(o.scenario().name(), o.rowsLabeled());
        }
        assertThat(labeled.get("off_hours_access")).isEqualTo(80);
        assertThat(labeled.get("impossible_travel")).isEqualTo(10);
        assertThat(labeled.get("data_exfiltration")).isEqualTo(10);
        assertThat(labeled.get("login_burst")).isBetween(50, 150);
        assertThat(labeled.get("brute_force")).isBetween(60, 150);
        assertThat(out.rows()).isEqualTo(40_000 + labeled.get("login_burst") + labeled.get("impossible_travel") + labeled.get("brute_force"));
        String[] scenario = texts(out, "scenario");
        String[] before = texts(soc, "scenario");
        for (String name : labeled.keySet()) {
            // the generator's own attacks keep their labels; injected rows come on top
            assertThat(count(scenario, name)).as(name).isEqualTo(count(before, name) + labeled.get(name));
        }
        assertThat(count(scenario, "data_exfiltration")).isEqualTo(10 + 134);
        double[] success = num(out, "success");
        double[] failed = num(out, "failed_attempts");
        double[] geo = num(out, "geo_distance_km");
        double[] hour = num(out, "hour");
        long[] ts = Cols.time(out, "timestamp");
        String[] device = texts(out, "device_id");
        List<Integer> bruteRows = new ArrayList<>();
        int injectedTravel = 0;
        for (int r = 0; r < out.rows(); r++) {
            if (r > 0) {
                assertThat(ts[r]).isGreaterThanOrEqualTo(ts[r - 1]);
            }
            boolean injected = !device[r].startsWith("x-"); // the generator's attackers use x- devices
            if (scenario[r].equals("impossible_travel") && injected) {
                assertThat(geo[r]).isBetween(2999.9, 12000.1);
                injectedTravel++;
            }
            if (scenario[r].equals("off_hours_access")) {
                assertThat(hour[r]).isBetween(1.0, 4.0);
                assertThat((ts[r] / 3_600_000L) % 24).isBetween(1L, 4L);
            }
            if (scenario[r].equals("brute_force") && injected) {
                bruteRows.add(r);
            }
        }
        assertThat(injectedTravel).isEqualTo(10);
        int injectedBrute = 0;
        for (int r = 0; r < out.rows(); r++) {
            if (scenario[r].equals("brute_force") && success[r] == 0 && failed[r] >= 20 && failed[r] <= 50) {
                injectedBrute++;
            }
        }
        // 133 generated storm rows plus the injected ones, all failures in bursts of 20–50
        assertThat(injectedBrute).isEqualTo(133 + labeled.get("brute_force"));
        assertThat(bruteRows).hasSize(labeled.get("brute_force"));
    }

    @Test
    void theShippedScenariosOnCardTransactions() {
        Frame tx = TransactionGenerator.generate(TransactionConfig.defaults().withCards(200));
        InjectionResult result = ScenarioInjector.inject(tx, ScenarioLoader.shipped(), 1);
        List<String> applied = new ArrayList<>();
        for (InjectionResult.Outcome o : result.outcomes()) {
            if (o.applied()) {
                applied.add(o.scenario().name());
            }
        }
        assertThat(applied).containsExactly("velocity_spike", "off_hours_access", "high_value_sudden");
        assertThat(result.warnings()).hasSize(4).allMatch(w -> w.contains("skipped"));
        String[] scenario = texts(result.frame(), "scenario");
        assertThat(count(scenario, "high_value_sudden")).isEqualTo(10);
        assertThat(count(scenario, "velocity_spike")).isBetween(40L, 75L);
    }
}
