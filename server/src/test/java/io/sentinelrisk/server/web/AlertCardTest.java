package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed's card: SLA countdown from the alert's mapping, and links that never take a value as a link. */
class AlertCardTest {
    static final Instant RAISED = Instant.parse("2026-01-01T10:00:00Z");

    private static ObjectNode alert(String status, Integer sla) {
        ObjectNode a = WebFixture.JSON.createObjectNode();
        a.put("alert_id", "a-1");
        a.put("entity", "javascript:alert(1)");
        a.put("created_at", RAISED.toString());
        a.put("status", status);
        a.put("risk", 97.456);
        a.put("narrative", "model narrative");
        ObjectNode b = a.putObject("business");
        if (sla != null) {
            b.put("sla_minutes", sla);
        }
        b.put("estimated_cost", 15000.0);
        b.put("currency", "USD");
        b.put("narrative", "mapping narrative");
        b.putArray("escalation").add("tier1").add("tier2");
        return a;
    }

    @Test
    void theSlaCountsDownFromWhenTheAlertWasRaised() {
        AlertCard c = AlertCard.of(alert("open", 30));
        assertThat(c.slaDeadline()).isEqualTo(RAISED.plusSeconds(1800).toEpochMilli());
        assertThat(c.slaText(RAISED.plusSeconds(300).toEpochMilli())).isEqualTo("25 min left of 30 min");
        assertThat(c.slaBreached(RAISED.plusSeconds(300).toEpochMilli())).isFalse();
        assertThat(c.slaText(RAISED.plusSeconds(1800 + 7200 + 300).toEpochMilli())).isEqualTo("breached 2 h 05 min ago");
        assertThat(c.slaBreached(RAISED.plusSeconds(1801).toEpochMilli())).isTrue();
        AlertCard resolved = AlertCard.of(alert("resolved", 30));
        assertThat(resolved.slaBreached(RAISED.plusSeconds(99_999).toEpochMilli())).isFalse();
        assertThat(AlertCard.of(alert("open", null)).slaText(RAISED.toEpochMilli())).isNull();
    }

    @Test
    void theMappingsNarrativeCostAndEscalationAreShown() {
        AlertCard c = AlertCard.of(alert("open", 30));
        assertThat(c.narrative()).isEqualTo("mapping narrative");
        assertThat(c.costText()).isEqualTo("15,000 USD");
        assertThat(c.escalation()).containsExactly("tier1", "tier2");
        assertThat(c.riskText()).isEqualTo("97.5");
    }

    @Test
    void linksAreServerPathsWithTheValueEncoded() {
        AlertCard c = AlertCard.of(alert("open", 30));
        assertThat(c.entityLink()).isEqualTo("/entity?id=javascript%3Aalert%281%29");
        assertThat(Links.entity("../admin\"><b>")).isEqualTo("/entity?id=..%2Fadmin%22%3E%3Cb%3E");
        assertThat(c.link()).isEqualTo("/alerts/a-1");
    }
}
