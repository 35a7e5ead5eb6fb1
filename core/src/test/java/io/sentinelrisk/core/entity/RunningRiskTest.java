package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The running risk of a stream equals the batch ranking over the same alerts, as of the latest, whatever their order. */
class RunningRiskTest {
    private static final long H = 3_600_000L;
    private static final long T = 1_704_067_200_000L;

    @Test
    void equalsTheBatchRankingAfterEveryAlertAlsoOutOfOrder() {
        EntityRisk model = new EntityRisk(6 * H);
        Random rnd = new Random(7);
        List<EntityAlert> seen = new ArrayList<>();
        RunningRisk running = RunningRisk.NONE;
        long t = T;
        for (int i = 0; i < 300; i++) {
            // mostly forward in time, one in five up to 3 h older than the latest (a late event)
            long at = rnd.nextInt(5) == 0 ? t - rnd.nextInt(3 * 3600) * 1000L : (t += rnd.nextInt(2 * 3600) * 1000L);
            Severity s = Severity.values()[rnd.nextInt(4)];
            EntityAlert a = new EntityAlert("a" + i, i, "u", at, 50 + rnd.nextInt(50), s, s.id());
            seen.add(a);
            running = running.add(a, model);
            EntityScore batch = model.rank(seen, EntityAlert.NO_TIME).get(0);
            EntityScore stream = running.score("u");
            assertThat(stream.risk()).as("after alert %d", i).isCloseTo(batch.risk(), within(0.011));
            assertThat(stream).as("after alert %d", i).usingRecursiveComparison().ignoringFields("risk").isEqualTo(batch);
        }
        assertThat(RunningRisk.fromBytes(running.toBytes(), "test")).isEqualTo(running);
    }

    @Test
    void anAlertWithoutEntityOrTimeChangesNothing() {
        EntityRisk model = new EntityRisk(H);
        RunningRisk r = RunningRisk.NONE.add(new EntityAlert("a", 0, "u", T, 70, Severity.HIGH, "high"), model);
        assertThat(r.add(new EntityAlert("b", 1, "u", EntityAlert.NO_TIME, 90, Severity.CRITICAL, "critical"), model)).isEqualTo(r);
        // one half-life later a second alert: 70/2 + 40
        assertThat(r.add(new EntityAlert("c", 2, "u", T + H, 40, Severity.MEDIUM, "medium"), model).risk()).isCloseTo(75.0, within(1e-9));
    }
}
