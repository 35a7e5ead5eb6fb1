package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentLinkerTest {
    private static final long M = 60_000L;
    private static final long T = 1_704_067_200_000L;   // 2024-01-01T00:00:00Z

    private static EntityAlert a(String id, String entity, long at, Severity s, String category) {
        return new EntityAlert(id, 0, entity, at, 90, s, category);
    }

    @Test
    void aPauseOfExactlyTheGapLinksOneMoreSplits() {
        IncidentLinker linker = new IncidentLinker(30 * M, 2);
        List<Incident> linked = linker.link(List.of(a("1", "u", T, Severity.HIGH, "x"), a("2", "u", T + 30 * M, Severity.HIGH, "x")));
        assertThat(linked).hasSize(1);
        assertThat(linked.get(0).alertIds()).containsExactly("1", "2");
        List<Incident> split = linker.link(List.of(a("1", "u", T, Severity.HIGH, "x"), a("2", "u", T + 30 * M + 1, Severity.HIGH, "x")));
        assertThat(split).isEmpty();   // two incidents of one alert each, below --min-alerts 2
        assertThat(new IncidentLinker(30 * M, 1).link(List.of(a("1", "u", T, Severity.HIGH, "x"),
                a("2", "u", T + 30 * M + 1, Severity.HIGH, "x")))).hasSize(2);
    }

    @Test
    void anIncidentMayOutlastTheGapWhenNoPauseInsideDoes() {
        List<EntityAlert> chain = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            chain.add(a("c" + i, "u", T + i * 20 * M, Severity.MEDIUM, "x"));
        }
        List<Incident> linked = new IncidentLinker(20 * M, 2).link(chain);
        assertThat(linked).hasSize(1);
        assertThat(linked.get(0).start()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(linked.get(0).end()).isEqualTo("2024-01-01T03:00:00Z");
    }

    @Test
    void alertsAreOrderedInTimeWhateverTheInputOrderAndEntitiesNeverMix() {
        List<EntityAlert> alerts = new ArrayList<>(List.of(
                a("bf1", "u1", T, Severity.CRITICAL, "brute_force"),
                a("bf2", "u1", T + M, Severity.CRITICAL, "brute_force"),
                a("tr", "u1", T + 20 * M, Severity.HIGH, "impossible_travel"),
                a("ex", "u1", T + 70 * M, Severity.CRITICAL, "data_exfiltration"),
                a("o1", "u2", T + 5 * M, Severity.MEDIUM, "brute_force"),
                a("o2", "u2", T + 6 * M, Severity.MEDIUM, "brute_force")));
        Collections.shuffle(alerts, new Random(3));
        List<Incident> linked = new IncidentLinker(60 * M, 2).link(alerts);
        assertThat(linked).hasSize(2);
        Incident first = linked.get(0);
        assertThat(first.entity()).isEqualTo("u1");
        assertThat(first.alertIds()).containsExactly("bf1", "bf2", "tr", "ex");
        assertThat(first.steps()).extracting(Incident.Step::category)
                .containsExactly("brute_force", "impossible_travel", "data_exfiltration");
        assertThat(first.steps().get(0).alerts()).isEqualTo(2);
        assertThat(first.narrative()).isEqualTo(
                "u1: brute force ×2 → impossible travel → data exfiltration (4 alerts in 1h 10m, highest risk 90.00)");
        assertThat(first.incidentId()).isEqualTo("inc-bf1");
        assertThat(linked.get(1).alertIds()).containsExactly("o1", "o2");
    }

    @Test
    void severityIsTheWorstAlertsOneLevelUpForSeveralSteps() {
        IncidentLinker linker = new IncidentLinker(60 * M, 2);
        Incident oneKind = linker.link(List.of(a("1", "u", T, Severity.MEDIUM, "x"), a("2", "u", T + M, Severity.HIGH, "x"))).get(0);
        assertThat(oneKind.severity()).isEqualTo("high");
        Incident twoKinds = linker.link(List.of(a("1", "u", T, Severity.MEDIUM, "x"), a("2", "u", T + M, Severity.HIGH, "y"))).get(0);
        assertThat(twoKinds.severity()).isEqualTo("critical");
        Incident capped = linker.link(List.of(a("1", "u", T, Severity.CRITICAL, "x"), a("2", "u", T + M, Severity.HIGH, "y"))).get(0);
        assertThat(capped.severity()).isEqualTo("critical");
        // a run that comes back counts as a step again but not as a new kind
        Incident back = linker.link(List.of(a("1", "u", T, Severity.MEDIUM, "x"), a("2", "u", T + M, Severity.MEDIUM, "x"),
                a("3", "u", T + 2 * M, Severity.MEDIUM, "x"))).get(0);
        assertThat(back.severity()).isEqualTo("medium");
        assertThat(back.steps()).hasSize(1);
    }

    @Test
    void sameInstantAlertsGoInRowOrder() {
        List<EntityAlert> alerts = List.of(new EntityAlert("b", 5, "u", T, 50, Severity.HIGH, "y"),
                new EntityAlert("a", 2, "u", T, 50, Severity.HIGH, "x"));
        assertThat(new IncidentLinker(M, 2).link(alerts).get(0).alertIds()).containsExactly("a", "b");
    }

    @Test
    void chainRecoveryTellsDetectionFromLinking() {
        List<EntityAlert> alerts = List.of(
                a("c1a", "u1", T, Severity.HIGH, "s"), a("c1b", "u1", T + 10 * M, Severity.HIGH, "s"),
                a("c2a", "u2", T, Severity.HIGH, "s"), a("c2b", "u2", T + 300 * M, Severity.HIGH, "s"),
                a("c2c", "u2", T + 301 * M, Severity.HIGH, "s"),
                a("n1", "u1", T + 20 * M, Severity.HIGH, "s"));
        List<Incident> incidents = new IncidentLinker(60 * M, 1).link(alerts);
        List<ChainRecovery.PlantedRow> planted = List.of(
                new ChainRecovery.PlantedRow("c1a", "one", "brute_force", true),
                new ChainRecovery.PlantedRow("c1b", "one", "data_exfiltration", true),
                new ChainRecovery.PlantedRow("c2a", "two", "brute_force", true),
                new ChainRecovery.PlantedRow("c2b", "two", "impossible_travel", true),
                new ChainRecovery.PlantedRow("c2c", "two", "data_exfiltration", true),
                new ChainRecovery.PlantedRow("c3a", "three", "brute_force", true),
                new ChainRecovery.PlantedRow("c3b", "three", "data_exfiltration", false));
        ChainRecovery r = ChainRecovery.measure(incidents, planted);
        assertThat(r.chains()).isEqualTo(3);
        assertThat(r.fullyAlerted()).isEqualTo(2);   // chain three missed a step
        assertThat(r.recovered()).isEqualTo(1);      // chain two is split by a 5 h pause
        assertThat(r.split()).isEqualTo(1);
        assertThat(r.share()).isEqualTo(1.0 / 3);
        assertThat(r.shareOfAlerted()).isEqualTo(0.5);
        assertThat(r.foreignAlerts()).isEqualTo(1);   // n1 shares chain one's incident
    }
}
