package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EntityRiskTest {
    private static final long H = 3_600_000L;
    private static final long T = 1_704_067_200_000L;   // 2024-01-01T00:00:00Z

    private static EntityAlert alert(String entity, long at, double risk, Severity s) {
        return new EntityAlert("id-" + entity + "-" + at, 0, entity, at, risk, s, s.id());
    }

    @Test
    void eachAlertCountsItsRiskHalvedEveryHalfLife() {
        EntityRisk model = new EntityRisk(24 * H);
        List<EntityAlert> alerts = List.of(
                alert("u1", T, 80, Severity.HIGH),
                alert("u1", T - 24 * H, 60, Severity.MEDIUM),
                alert("u1", T - 48 * H, 40, Severity.CRITICAL));
        List<EntityScore> ranked = model.rank(alerts, T);
        // 80·2^0 + 60·2^-1 + 40·2^-2 = 80 + 30 + 10
        assertThat(ranked).hasSize(1);
        EntityScore u1 = ranked.get(0);
        assertThat(u1.risk()).isEqualTo(120.0);
        assertThat(u1.alerts()).isEqualTo(3);
        assertThat(u1.maxRisk()).isEqualTo(80.0);
        assertThat(u1.severity()).isEqualTo("critical");
        assertThat(u1.firstAlert()).isEqualTo("2023-12-30T00:00:00Z");
        assertThat(u1.lastAlert()).isEqualTo("2024-01-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 90, 1440})
    void decayFollowsTheFormulaForAnyHalfLife(long minutes) {
        EntityRisk model = new EntityRisk(minutes * 60_000L);
        long age = 37 * 60_000L;
        double expected = 50 * Math.pow(2, -37.0 / minutes);
        double got = model.rank(List.of(alert("e", T - age, 50, Severity.HIGH)), T).get(0).risk();
        assertThat(got).isCloseTo(expected, within(0.006));   // reported to 2 decimals
        assertThat(model.decay(age)).isCloseTo(Math.pow(2, -37.0 / minutes), within(1e-12));
    }

    @Test
    void referenceTimeDefaultsToTheLatestAlertAndLaterAlertsAreLeftOut() {
        EntityRisk model = new EntityRisk(H);
        List<EntityAlert> alerts = List.of(alert("a", T, 40, Severity.HIGH), alert("b", T + 2 * H, 40, Severity.HIGH));
        List<EntityScore> latest = model.rank(alerts, EntityAlert.NO_TIME);
        assertThat(latest).extracting(EntityScore::entity).containsExactly("b", "a");
        assertThat(latest.get(1).risk()).isEqualTo(10.0);   // two half-lives old at the latest alert's time
        List<EntityScore> earlier = model.rank(alerts, T);
        assertThat(earlier).extracting(EntityScore::entity).containsExactly("a");
    }

    @Test
    void alertsWithoutEntityOrTimeAreNotRankedAndTiesGoByName() {
        EntityRisk model = new EntityRisk(H);
        List<EntityAlert> alerts = List.of(
                new EntityAlert("x", 0, null, T, 99, Severity.CRITICAL, "critical"),
                new EntityAlert("y", 1, "z", EntityAlert.NO_TIME, 99, Severity.CRITICAL, "critical"),
                alert("m", T, 30, Severity.MEDIUM),
                alert("k", T, 30, Severity.MEDIUM));
        assertThat(model.rank(alerts, T)).extracting(EntityScore::entity).containsExactly("k", "m");
    }
}
