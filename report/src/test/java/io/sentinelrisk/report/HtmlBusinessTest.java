package io.sentinelrisk.report;

import io.sentinelrisk.core.evaluate.EvaluatedAlert;
import io.sentinelrisk.core.evaluate.Evaluation;
import io.sentinelrisk.core.evaluate.EvaluationResult;
import io.sentinelrisk.core.evaluate.EvaluationSettings;
import io.sentinelrisk.core.mapping.BusinessMapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's business part (docs/mapping.md): per category of the model's mapping, the top
 * alerts' cost at risk, SLA and action, and each alert's narrative, with the narrative's
 * placeholders filled from hostile event values that must render as inert text.
 */
class HtmlBusinessTest {
    private static final String MAPPING = """
            version: 1
            name: hostile
            currency: USD
            categories:
              - name: big_amount
                when: "is_anomaly and user = '<script>alert(1)</script>'"
                risk_level: critical
                estimated_cost: 1200
                sla_minutes: 15
                recommended_action: Freeze the account.
                escalation: [fraud_desk, ciso]
                narrative: "Odd payment by {user} (event {event})."
            """;

    static EvaluationResult result;
    static String html;

    @BeforeAll
    static void render() {
        EvaluationSettings s = new EvaluationSettings(0.7, 5, 10, 95, 4, 3, "scenario", false);
        BusinessMapping mapping = BusinessMapping.parse(MAPPING, "hostile.yaml", "hostile.yaml");
        result = Evaluation.fitAndTest(HostileData.dataset(900, 3), List.of(HostileData.config("iforest")), s, mapping);
        html = HtmlReport.render(result, List.of());
    }

    @Test
    void showsCostAtRiskSlaActionAndNarrativesPerCategory() {
        List<EvaluatedAlert> top = result.detectors().get(0).topAlerts();
        long matched = top.stream().filter(a -> a.business() != null && a.business().category().equals("big_amount")).count();
        assertThat(matched).as("the hostile user's attacks are among the top alerts").isPositive();
        assertThat(html).contains("mean to the business</h3>")
                .contains("<tr><td>big_amount</td><td class=\"n\">" + matched + "</td><td class=\"n\">"
                        + String.format(Locale.ROOT, "%,.0f", 1200.0 * matched) + " USD</td>")
                .contains("15 min").contains("Freeze the account.").contains("fraud_desk → ciso");
        for (EvaluatedAlert a : top) {
            assertThat(html).contains(Html.escape(a.business().narrative()));
        }
    }

    @Test
    void eventValuesInNarrativesRenderInert() {
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img");
        // the placeholder {user} was filled with the hostile user name: escaped, as text
        assertThat(html).contains("Odd payment by " + Html.escape(HostileData.SCRIPT));
        assertThat(html).doesNotContain(HostileData.SCRIPT).doesNotContain(HostileData.QUOTES);
    }
}
