package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.explain.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessMappingTest {
    private static final double NaN = Double.NaN;

    /** Rows: 0 a brute-force storm, 1 a successful burst, 2 a far login, 3 a quiet login with missing values. */
    static Frame logins() {
        Schema schema = new Schema(List.of(
                new Field("user", ColumnType.CATEGORICAL, ColumnRole.ID),
                new Field("event_type", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
                new Field("success", ColumnType.BOOLEAN, ColumnRole.FEATURE),
                new Field("logins_5m", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("failed_ratio", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("geo_km", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("label", ColumnType.NUMERIC, ColumnRole.LABEL)));
        return new Frame(schema, List.of(
                new Column.Categorical("user", new int[] {0, 1, 2, -1}, List.of("user_3576664", "u2", "u3")),
                new Column.Categorical("event_type", new int[] {0, 0, 0, 0}, List.of("login")),
                new Column.Numeric("success", new double[] {0, 1, 1, NaN}),
                new Column.Numeric("logins_5m", new double[] {20, 12, 1, NaN}),
                new Column.Numeric("failed_ratio", new double[] {0.9, 0.1, 0, NaN}),
                new Column.Numeric("geo_km", new double[] {0, 0, 9548.857, NaN}),
                new Column.Numeric("label", new double[] {1, 1, 1, 0})));
    }

    static final String MAPPING = """
            version: 1
            categories:
              - name: account_takeover
                when: "logins_5m >= 10 and failed_ratio > 0.5"
                risk_level: high
                estimated_cost: 500
                sla_minutes: 15
                recommended_action: Lock account, notify user
                escalation: [soc_tier1, soc_tier2]
                narrative: "Account takeover attempt detected. {logins_5m} logins in 5 minutes from {user}"
              - name: login_burst
                when: "logins_5m >= 10"
                risk_level: medium
                estimated_cost: 100
                recommended_action: Reset the password.
              - name: impossible_travel
                when: "geo_km between 2500 and 20000 and success"
                recommended_action: Suspend the account.
                narrative: "{user} logged in {geo_km} km away ({failed_ratio} failed)"
            """;

    static final Supplier<List<Reason>> NO_REASONS = List::of;

    static ScoreFacts alert(Severity s) {
        return new ScoreFacts(0.7, 99.5, s, true, null);
    }

    static FrameMapper mapper(String yaml, Frame frame) {
        return BusinessMapping.parse(yaml, "m.yaml", "m.yaml").compile(frame.schema()).bind(frame);
    }

    @Test
    void theFirstMatchingCategoryWinsAndItsNarrativeIsFilledFromTheRecord() {
        FrameMapper m = mapper(MAPPING, logins());
        Business b = m.business(0, alert(Severity.CRITICAL), NO_REASONS);
        assertThat(b.category()).isEqualTo("account_takeover");   // login_burst matches too, but comes second
        assertThat(b.riskLevel()).isEqualTo("high");
        assertThat(b.estimatedCost()).isEqualTo(500.0);
        assertThat(b.currency()).isEqualTo("USD");
        assertThat(b.slaMinutes()).isEqualTo(15);
        assertThat(b.escalation()).containsExactly("soc_tier1", "soc_tier2");
        assertThat(b.narrative()).isEqualTo("Account takeover attempt detected. 20 logins in 5 minutes from user_3576664. "
                + "Risk: HIGH | Est. Cost: $500 | SLA: 15 min | Action: Lock account, notify user | Escalation: soc_tier1 → soc_tier2");
        Business second = m.business(1, alert(Severity.HIGH), NO_REASONS);
        assertThat(second.category()).isEqualTo("login_burst");
        // no SLA in the category: the generic SLA of the record's severity (high: 60 min)
        assertThat(second.slaMinutes()).isEqualTo(60);
        assertThat(second.narrative()).startsWith("Login burst detected: nothing stands out. Risk: MEDIUM | Est. Cost: $100 | SLA: 60 min");
    }

    @Test
    void reorderingTheCategoriesChangesWhichWins() {
        String swapped = MAPPING.replace("name: account_takeover", "name: tmp").replace("name: login_burst", "name: account_takeover")
                .replace("name: tmp", "name: login_burst");
        // the texts moved with the names: the first category now has the login_burst-named first block
        FrameMapper m = mapper(swapped, logins());
        assertThat(m.business(0, alert(Severity.CRITICAL), NO_REASONS).category()).isEqualTo("login_burst");
        String reordered = """
                categories:
                  - {name: burst, when: "logins_5m >= 10", recommended_action: a}
                  - {name: takeover, when: "logins_5m >= 10 and failed_ratio > 0.5", recommended_action: b}
                """;
        assertThat(mapper(reordered, logins()).business(0, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("burst");
    }

    @Test
    void aPlaceholderWhoseValueIsMissingIsWrittenUnknown() {
        String yaml = """
                applies_to: all
                categories:
                  - name: quiet
                    when: "logins_5m is null"
                    recommended_action: Nothing.
                    narrative: "{user} made {logins_5m} logins, success {success}"
                """;
        Business b = mapper(yaml, logins()).business(3, alert(Severity.MEDIUM), NO_REASONS);
        assertThat(b.category()).isEqualTo("quiet");
        assertThat(b.narrative()).startsWith("unknown made unknown logins, success unknown. Risk: MEDIUM");
        assertThat(Template.MISSING).isEqualTo("unknown");
    }

    @Test
    void numbersInNarrativesAreWholeOrTwoDecimals() {
        Business b = mapper(MAPPING, logins()).business(2, alert(Severity.HIGH), NO_REASONS);
        assertThat(b.category()).isEqualTo("impossible_travel");
        assertThat(b.narrative()).startsWith("u3 logged in 9548.86 km away (0 failed). Risk: HIGH |");
        assertThat(b.estimatedCost()).isNull();
        assertThat(b.narrative()).doesNotContain("Est. Cost");
    }

    @Test
    void aComparisonWithAMissingValueIsUnknownAndUnknownNeverMatches() {
        String yaml = """
                applies_to: all
                categories:
                  - {name: negated, when: "not (logins_5m >= 10)", recommended_action: a}
                  - {name: either, when: "logins_5m >= 10 or true", recommended_action: b}
                """;
        FrameMapper m = mapper(yaml, logins());
        assertThat(m.business(2, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("negated");   // 1 < 10
        // row 3: logins_5m missing, so "not (…)" is unknown (as in SQL), but "unknown or true" is true
        assertThat(m.business(3, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("either");
    }

    @Test
    void textBooleansInAndFunctionsWork() {
        String yaml = """
                applies_to: all
                categories:
                  - {name: a, when: "upper(user) in ('U2', 'U9') and success = true", recommended_action: x}
                  - {name: b, when: "coalesce(geo_km, -1) < 0", recommended_action: x}
                  - {name: c, when: "user != 'u3' and not success", recommended_action: x}
                  - {name: d, when: "abs(-geo_km) > 9000 and event_type = 'login'", recommended_action: x}
                """;
        FrameMapper m = mapper(yaml, logins());
        assertThat(m.business(1, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("a");
        assertThat(m.business(3, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("b");
        assertThat(m.business(0, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("c");
        assertThat(m.business(2, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("d");
    }

    @Test
    void aRecordNoCategoryMatchesGetsTheGenericCategoryOfItsSeverity() {
        FrameMapper m = mapper(MAPPING, logins());
        Business critical = m.business(3, alert(Severity.CRITICAL), NO_REASONS);
        assertThat(critical.category()).isEqualTo("unclassified");
        assertThat(critical.riskLevel()).isEqualTo("critical");
        assertThat(critical.slaMinutes()).isEqualTo(15);
        assertThat(critical.escalation()).containsExactly("soc_tier2", "incident_response");
        assertThat(m.business(3, alert(Severity.HIGH), NO_REASONS).slaMinutes()).isEqualTo(60);
        assertThat(m.business(3, alert(Severity.MEDIUM), NO_REASONS).slaMinutes()).isEqualTo(240);
        Business info = m.business(3, new ScoreFacts(0.1, 10, Severity.INFO, false, null), NO_REASONS);
        assertThat(info.slaMinutes()).isNull();
        assertThat(info.recommendedAction()).startsWith("None");
        assertThat(info.narrative()).contains("SLA: none");
        assertThat(critical.narrative()).startsWith("Unclassified critical anomaly: nothing stands out. Risk: CRITICAL");
    }

    @Test
    void categoriesDescribeAlertsUnlessTheFileSaysAll() {
        ScoreFacts quiet = new ScoreFacts(0.5, 80, Severity.INFO, false, null);
        assertThat(mapper(MAPPING, logins()).business(0, quiet, NO_REASONS).category()).isEqualTo("unclassified");
        assertThat(mapper("applies_to: all\n" + MAPPING, logins()).business(0, quiet, NO_REASONS).category())
                .isEqualTo("account_takeover");
    }

    @Test
    void theGenericCategoryCanBeChangedPerSeverity() {
        String yaml = MAPPING + """
                generic:
                  high: {sla_minutes: 45, recommended_action: Call the on-call analyst., estimated_cost: 50, narrative: "Odd {user}"}
                """;
        Business b = mapper(yaml, logins()).business(3, alert(Severity.HIGH), NO_REASONS);
        assertThat(b).extracting(Business::slaMinutes, Business::recommendedAction, Business::estimatedCost)
                .containsExactly(45, "Call the on-call analyst.", 50.0);
        assertThat(b.narrative()).startsWith("Odd unknown. Risk: HIGH | Est. Cost: $50 | SLA: 45 min");
    }

    @Test
    void aJudgeClassSelectsItsCategoryAndIsUnknownWithoutAJudge() {
        String yaml = """
                categories:
                  - {name: ato, class: account_takeover, recommended_action: Lock account, narrative: "{class} of {user}"}
                  - {name: rest, when: "class is null", recommended_action: Look}
                """;
        FrameMapper m = mapper(yaml, logins());
        ScoreFacts judged = new ScoreFacts(0.7, 99, Severity.HIGH, true, "account_takeover");
        assertThat(m.business(1, judged, NO_REASONS).narrative()).startsWith("account_takeover of u2.");
        assertThat(m.business(1, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("rest");
    }

    @Test
    void conditionsReadTheExplanationAndReasonsAreComputedOnlyWhenRead() {
        String yaml = """
                categories:
                  - {name: far, when: "top_feature = 'geo_km' and top_deviation > 5 and risk >= 99 and severity = 'high'",
                     recommended_action: x, narrative: "{top_reason}"}
                  - {name: odd_user, when: "has_reason('user')", recommended_action: y}
                """;
        List<Reason> reasons = List.of(new Reason("geo_km", "9548.86", "median 2", 1000, "geo_km is more than 1000 std above normal"));
        AtomicInteger calls = new AtomicInteger();
        Supplier<List<Reason>> counted = () -> {
            calls.incrementAndGet();
            return reasons;
        };
        FrameMapper m = mapper(yaml, logins());
        Business b = m.business(2, alert(Severity.HIGH), counted);
        assertThat(b.category()).isEqualTo("far");
        assertThat(b.narrative()).startsWith("geo_km is more than 1000 std above normal. Risk: HIGH");
        assertThat(calls).hasValue(1);   // computed once, kept for the narrative
        calls.set(0);
        FrameMapper plain = mapper(MAPPING, logins());
        plain.brief(0, alert(Severity.HIGH), counted);
        assertThat(calls).hasValue(0);
        // "false and …" does not look further: a login's reasons are not computed for a transfer-only rule
        mapper("categories: [{name: t, when: \"event_type = 'transfer' and has_reason('user')\", recommended_action: x}]", logins())
                .brief(0, alert(Severity.HIGH), counted);
        assertThat(calls).hasValue(0);
    }

    @Test
    void moneyAndSlaAreWrittenForPeople() {
        assertThat(BusinessLine.money(250000, "USD")).isEqualTo("$250,000");
        assertThat(BusinessLine.money(12.5, "EUR")).isEqualTo("€12.50");
        assertThat(BusinessLine.money(3000, "CHF")).isEqualTo("3,000 CHF");
        assertThat(BusinessLine.sla(15)).isEqualTo("15 min");
        assertThat(BusinessLine.sla(90)).isEqualTo("90 min");
        assertThat(BusinessLine.sla(1440)).isEqualTo("24 h");
    }

    // ---- located errors ----

    private static String error(String yaml) {
        try {
            mapper(yaml, logins());
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void anUnknownFieldInAConditionIsALocatedError() {
        String msg = error("""
                categories:
                  - name: takeover
                    when: "logins_10m >= 10"
                    recommended_action: Lock
                """);
        assertThat(msg).startsWith("m.yaml:3:11: when of category 'takeover': unknown field 'logins_10m'")
                .contains("at character 1 of 'logins_10m >= 10'").contains("logins_5m").doesNotContain("\n");
    }

    @Test
    void theLabelIsNotAFieldConditionsMayRead() {
        assertThat(error("categories: [{name: cheat, when: \"label = 1\", recommended_action: x}]"))
                .contains("unknown field 'label'");
    }

    @Test
    void aPlaceholderNamingNoColumnIsALocatedError() {
        String msg = error("""
                categories:
                  - name: takeover
                    when: "logins_5m >= 10"
                    recommended_action: Lock
                    narrative: "{logins_5m} logins from {usr}"
                """);
        assertThat(msg).startsWith("m.yaml:5:16: narrative of category 'takeover': placeholder {usr} names no column")
                .contains("at character 25 of");
    }

    @Test
    void aCategoryWithoutActionIsALocatedError() {
        assertThat(error("""
                categories:
                  - name: a
                    when: "logins_5m > 1"
                    recommended_action: Look
                  - name: takeover
                    when: "logins_5m >= 10"
                """)).startsWith("m.yaml:5:5: category 'takeover' has no 'recommended_action'");
    }

    @Test
    void badTypesAreLocatedErrors() {
        assertThat(error("categories: [{name: a, when: \"user > 3\", recommended_action: x}]"))
                .startsWith("m.yaml:1:").contains("mixes text and a number");
        assertThat(error("categories: [{name: a, when: \"logins_5m + 1\", recommended_action: x}]"))
                .contains("expected a condition (true or false), found a number");
        assertThat(error("categories: [{name: a, when: \"logins_5m = null\", recommended_action: x}]"))
                .contains("write 'is null'");
        assertThat(error("""
                categories:
                  - name: a
                    when: "logins_5m > 1"
                    recommended_action: x
                    estimated_cost: lots
                """)).startsWith("m.yaml:5:21: category 'a': estimated_cost: expected a number ≥ 0").contains("'lots'");
        assertThat(error("""
                categories:
                  - name: a
                    when: "logins_5m > 1"
                    recommended_action: x
                    sla_minutes: 1.5
                """)).startsWith("m.yaml:5:18: category 'a': sla_minutes: expected a whole number");
        assertThat(error("categories: [{name: a, when: \"x > 1\", recommended_action: x, escalation: soc}]"))
                .contains("escalation: expected a list of roles");
        assertThat(error("categories: [{name: a, when: \"logins_5m > 1\", recommended_action: x, risk_level: severe}]"))
                .contains("risk_level: expected low, medium, high or critical, found 'severe'");
    }

    @Test
    void unknownKeysSyntaxAndMissingConditionsAreLocatedErrors() {
        assertThat(error("""
                categories:
                  - name: a
                    whn: "logins_5m > 1"
                    recommended_action: x
                """)).startsWith("m.yaml:3:5: category 'a': unknown key 'whn'; valid keys: name, description, when,");
        assertThat(error("categories: [{name: a, recommended_action: x}]")).contains("has neither 'when'");
        assertThat(error("categories: [{name: a, when: \"logins_5m >> 1\", recommended_action: x}]"))
                .contains("does not parse").contains("at character");
        assertThat(error("categories: [{name: a, when: \"x\", recommended_action: x}, {name: a, when: \"x\", recommended_action: y}]"))
                .contains("category 'a' appears twice");
        assertThat(error("categorys: []")).startsWith("m.yaml:1:1: the mapping file: unknown key 'categorys'");
    }

    @Test
    void aCategoryMarkedIfPresentIsLeftOutWhenTheModelLacksItsColumns() {
        String yaml = """
                categories:
                  - {name: velocity, when: "tx_count_1h >= 8", if_present: true, recommended_action: x}
                  - {name: burst, when: "logins_5m >= 10", recommended_action: y}
                """;
        CompiledMapping c = BusinessMapping.parse(yaml, "m.yaml", "m.yaml").compile(logins().schema());
        assertThat(c.categoryNames()).containsExactly("burst");
        assertThat(c.skipped()).containsExactly("velocity (the model has no tx_count_1h)");
        assertThat(c.bind(logins()).business(0, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("burst");
    }

    @Test
    void aListOfConditionsUsesTheFirstWhoseColumnsTheModelHas() {
        String yaml = """
                categories:
                  - name: takeover
                    when:
                      - "logins_1h >= 30"
                      - "logins_5m >= 10"
                    recommended_action: x
                """;
        FrameMapper m = mapper(yaml, logins());
        assertThat(m.business(0, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("takeover");
        assertThat(m.business(2, alert(Severity.HIGH), NO_REASONS).category()).isEqualTo("unclassified");
        // none fits: the first alternative's unknown field is the error, at its own line
        assertThat(error(yaml.replace("logins_5m >= 10", "logins_10m >= 10")))
                .startsWith("m.yaml:4:9: when of category 'takeover': unknown field 'logins_1h'");
    }

    @Test
    void everyShippedPackParses() {
        for (String pack : BusinessMapping.PACKS) {
            BusinessMapping m = BusinessMapping.load("pack:" + pack);
            assertThat(m.origin()).isEqualTo("pack:" + pack);
            assertThat(m.categoryNames()).isNotEmpty();
        }
        assertThatThrownBy(() -> BusinessMapping.load("pack:nope")).hasMessageContaining("shipped packs: pack:soc");
    }
}
