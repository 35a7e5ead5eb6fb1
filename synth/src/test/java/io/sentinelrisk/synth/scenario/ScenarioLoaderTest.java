package io.sentinelrisk.synth.scenario;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {
    private static final String MINIMAL = """
            scenarios:
              - name: spike
                count: 2
                operations:
                  - {op: scale, column: amount, factor: [2, 3]}
                business:
                  risk_level: high
                  estimated_cost: 100
                  sla_hours: 1.5
                  recommended_action: look
                  escalation_path: [a, b]
            """;

    @Test
    void theShippedFileHasTheSevenScenariosWithTheirBusinessRules() {
        ScenarioSet set = ScenarioLoader.shipped();
        assertThat(set.scenarios()).extracting(Scenario::name).containsExactly("login_burst", "velocity_spike",
                "off_hours_access", "high_value_sudden", "impossible_travel", "data_exfiltration", "brute_force");
        for (Scenario s : set.scenarios()) {
            assertThat(s.description()).isNotBlank();
            assertThat(s.business().recommendedAction()).isNotBlank();
            assertThat(s.business().escalationPath()).isNotEmpty();
            assertThat(s.business().slaMinutes()).isPositive();
        }
        assertThat(set.scenario("data_exfiltration").business().riskLevel()).isEqualTo(Business.RiskLevel.CRITICAL);
        assertThat(set.scenario("off_hours_access").business().slaMinutes()).isEqualTo(24 * 60);
        assertThat(set.scenario("brute_force").copies()).isEqualTo(new Range(20, 50));
        assertThat(set.scenario("brute_force").requiredColumns()).containsExactly("event_type", "timestamp", "success", "failed_attempts");
        assertThat(set.sortBy()).isEqualTo("timestamp");
    }

    @Test
    void readsAMinimalFile() {
        ScenarioSet set = ScenarioLoader.parse(MINIMAL, "s.yaml");
        Scenario s = set.scenarios().get(0);
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.mode()).isEqualTo(Scenario.Mode.MODIFY);
        assertThat(s.operations()).containsExactly(new Operation.Scale("amount", new Range(2, 3), false));
        assertThat(s.business().slaMinutes()).isEqualTo(90);
        assertThat(s.business().currency()).isEqualTo("USD");
    }

    @Test
    void unknownKeysAreNamedWithTheValidOnesAndTheirPlace() {
        assertThatThrownBy(() -> ScenarioLoader.parse("scenarioz: []\n", "s.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.yaml:1:")
                .hasMessageContaining("unknown key 'scenarioz'")
                .hasMessageContaining("valid keys: id_columns, scenarios, sort_by, version");
        String badScenario = MINIMAL.replace("    count: 2\n", "    count: 2\n    colour: red\n");
        assertThatThrownBy(() -> ScenarioLoader.parse(badScenario, "s.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.yaml:4:")
                .hasMessageContaining("unknown key 'colour' in scenario #1")
                .hasMessageContaining("business, copies, count, description");
        String badOp = MINIMAL.replace("factor: [2, 3]}", "factor: [2, 3], by: 4}");
        assertThatThrownBy(() -> ScenarioLoader.parse(badOp, "s.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'by' in operation 'scale' of scenario 'spike'")
                .hasMessageContaining("valid keys: column, factor, if_present, op");
        String badBusiness = MINIMAL.replace("  risk_level: high\n", "  risk_level: high\n      owner: bob\n");
        assertThatThrownBy(() -> ScenarioLoader.parse(badBusiness, "s.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'owner' in 'business' of scenario 'spike'")
                .hasMessageContaining("escalation_path");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{op: scale, column: amount, factor: [2, 3]}|{op: explode, column: amount}|unknown operation 'explode'",
            "{op: scale, column: amount, factor: [2, 3]}|{op: scale, column: amount, factor: [3, 2]}|expected a number or [min, max] with min ≤ max",
            "{op: scale, column: amount, factor: [2, 3]}|{op: scale, column: amount, factor: big}|expected a number or [min, max]",
            "{op: scale, column: amount, factor: [2, 3]}|{op: off_hours, column: t, hours: [1, 25]}|expected [from, to] with hours in [0, 24)",
            "{op: scale, column: amount, factor: [2, 3]}|{op: set, column: a}|expected exactly one of 'value' or 'one_of'",
            "{op: scale, column: amount, factor: [2, 3]}|{column: a}|missing key 'op'",
            "count: 2|count: -1|'count' in scenario 'spike': expected an integer in [0, ",
            "count: 2|fraction: 1.5|expected a number in [0, 1]",
            "count: 2|count: 2\\n    fraction: 0.1|expected exactly one of 'count' (rows to pick) or 'fraction' (share of rows), found both",
            "count: 2|count: 2\\n    mode: sideways|expected modify or add, found 'sideways'",
            "count: 2|count: 2\\n    copies: 3|'copies' in scenario 'spike' needs 'mode: add'",
            "count: 2|count: 2\\n    mode: add\\n    copies: [0, 2]|expected whole numbers in [1, 100000]",
            "risk_level: high|risk_level: extreme|expected low, medium, high or critical, found 'extreme'",
            "sla_hours: 1.5|sla_minutes: 5\\n      sla_hours: 1|expected exactly one of 'sla_minutes' or 'sla_hours', found both",
            "escalation_path: [a, b]|escalation_path: []|expected at least one role or team",
            "name: spike|name: Spike Two|'name': expected lower-case letters",
            "estimated_cost: 100|estimated_cost: lots|'estimated_cost' in 'business' of scenario 'spike': expected a number, found 'lots'",
    })
    void badValuesSayWhatWasExpected(String from, String to, String message) {
        String text = MINIMAL.replace(from, to.replace("\\n", "\n"));
        assertThat(text).isNotEqualTo(MINIMAL);
        assertThatThrownBy(() -> ScenarioLoader.parse(text, "s.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.yaml:")
                .hasMessageContaining(message);
    }

    @Test
    void missingPartsAndDuplicates() {
        assertThatThrownBy(() -> ScenarioLoader.parse(MINIMAL.replaceAll("(?s)    business:.*", ""), "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scenario 'spike': missing key 'business'");
        String twice = MINIMAL + MINIMAL.substring(MINIMAL.indexOf("  - name"));
        assertThatThrownBy(() -> ScenarioLoader.parse(twice, "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scenario name 'spike' is used twice");
        assertThatThrownBy(() -> ScenarioLoader.parse(MINIMAL.replace("    count: 2\n", "    count: 2\n    count: 3\n"), "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ScenarioLoader.parse("scenarios: []\n", "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("expected at least one scenario");
        assertThatThrownBy(() -> ScenarioLoader.parse("", "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ScenarioLoader.parse("scenarios: [\n  {name: x", "s.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("s.yaml:").hasMessageContaining("not valid YAML");
    }

    @Test
    void tagsAreNotInstantiated() {
        String text = MINIMAL.replace("recommended_action: look", "recommended_action: !!java.lang.ProcessBuilder [touch, /tmp/x]");
        assertThatThrownBy(() -> ScenarioLoader.parse(text, "s.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'recommended_action' in 'business' of scenario 'spike': expected a non-empty string, found a list");
    }

    @Test
    void loadsAUserFileAndReportsAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, MINIMAL);
        assertThat(ScenarioLoader.load(file).scenarios()).hasSize(1);
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(InputException.class).hasMessageContaining("nope.yaml").hasMessageContaining("not found");
    }
}
