package io.sentinelrisk.features;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.features.plan.Planner;
import io.sentinelrisk.features.spec.SpecReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mistakes in a spec are reported with file:line:column, what was expected and what was found. */
class SpecErrorsTest {
    private static final String HEAD = """
            entity: user
            timestamp: ts
            columns:
              amount: numeric
              kind: string
            features:
            """;

    private static InputException error(String yaml) {
        try {
            Planner.plan(SpecReader.read(yaml, "f.yaml"));
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void windowThatDoesNotParse() {
        InputException e = error(HEAD + "  - {name: a, type: sum, of: amount, window: 7x}\n");
        assertThat(e.getMessage()).startsWith("f.yaml:7:").contains("window '7x'", "feature 'a'", "24h", "events");
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(error(HEAD + "  - {name: a, type: count, window: 1 month}\n").getMessage()).contains("window '1 month'");
    }

    @Test
    void unknownColumnInAnExpression() {
        InputException e = error(HEAD + "  - {name: a, type: mean, of: amout, window: 1h}\n");
        assertThat(e.getMessage()).startsWith("f.yaml:7:").contains("unknown name 'amout'", "amount", "kind");
        InputException w = error(HEAD + "  - {name: a, type: count, window: 1h, where: \"kind = 'x' and colour = 'red'\"}\n");
        assertThat(w.getMessage()).contains("unknown name 'colour'", "at character 16");
    }

    @Test
    void unknownKeysListTheValidOnes() {
        assertThat(error(HEAD + "  - {name: a, type: count, window: 1h, filter: x}\n").getMessage())
                .contains("unknown key 'filter'", "where");
        assertThat(error("entty: user\n" + HEAD).getMessage()).startsWith("f.yaml:1:1").contains("unknown key 'entty'", "entity");
        assertThat(error(HEAD + "  - {name: a, type: sum, of: amount, window: 1h, by: kind}\n").getMessage())
                .contains("takes no 'by'");
    }

    @Test
    void typeMistakes() {
        assertThat(error(HEAD + "  - {name: a, type: sum, of: kind, window: 1h}\n").getMessage()).contains("needs a number", "'kind' is text");
        assertThat(error(HEAD + "  - {name: a, flag: \"amount + 1\"}\n  - {name: b, flag: \"kind < 'x'\"}\n").getMessage())
                .contains("text can only be compared with = and !=");
        assertThat(error(HEAD + "  - {name: a, expr: \"kind\"}\n").getMessage()).contains("is text");
        assertThat(error(HEAD + "  - {name: a, expr: \"sqrt(amount, 2)\"}\n").getMessage()).contains("sqrt(…) takes 1 argument");
        assertThat(error(HEAD + "  - {name: a, expr: \"pow(amount)\"}\n").getMessage()).contains("unknown function 'pow'");
        assertThat(error(HEAD + "  - {name: a, type: quantile, of: amount, window: 1h, q: 1.5}\n").getMessage()).contains("q must be");
    }

    @Test
    void expressionSyntaxErrorsPointAtTheCharacter() {
        InputException e = error(HEAD + "  - {name: a, expr: \"amount * (2 + \"}\n");
        assertThat(e.getMessage()).contains("'expr' does not parse", "at character");
        assertThat(error(HEAD + "  - {name: a, flag: \"kind = 'login\"}\n").getMessage()).contains("unclosed string");
    }

    @Test
    void featuresReferToEarlierFeaturesOnly() {
        assertThat(error(HEAD + "  - {name: a, expr: \"b + 1\"}\n  - {name: b, expr: \"amount\"}\n").getMessage())
                .contains("'b' is used before it is defined");
        assertThat(error(HEAD + "  - {name: a, type: count, window: 1h}\n  - {name: b, type: sum, of: a, window: 1h}\n").getMessage())
                .contains("'a' is a feature");
        assertThat(error(HEAD + "  - {name: a, type: count, window: 1h}\n  - {name: a, type: count, window: 2h}\n").getMessage())
                .contains("used twice");
        assertThat(error(HEAD + "  - {name: amount, type: count, window: 1h}\n").getMessage()).contains("name of a column");
    }

    @Test
    void windowsLongerThanTheTtlAreRefused() {
        assertThat(error("entity_ttl: 1d\n" + HEAD + "  - {name: a, type: count, window: 7d}\n").getMessage())
                .contains("longer than entity_ttl 1d");
    }

    @Test
    void missingEssentials() {
        assertThat(error("timestamp: ts\nfeatures:\n  - {name: a, type: count, window: 1h}\n").getMessage()).contains("no 'entity'");
        assertThat(error(HEAD).getMessage()).contains("no features");
        assertThat(error(HEAD + "  - {name: a}\n").getMessage()).contains("needs a 'type'");
        assertThat(error(HEAD + "  - {name: a, type: sum, window: 1h}\n").getMessage()).contains("needs 'of'");
        assertThat(error("entity: user\ntimestamp: ts\ntimestamp_format: dd.mm.yyyy\nfeatures:\n  - {name: a, type: count, window: 1h}\n")
                .getMessage()).startsWith("f.yaml:3:").contains("timestamp_format");
    }

    @Test
    void brokenYamlAndMissingFile() {
        assertThat(error("entity: [user\n").getMessage()).startsWith("f.yaml:").contains("not valid YAML");
        assertThatThrownBy(() -> SpecReader.read(java.nio.file.Path.of("no/such/spec.yaml")))
                .isInstanceOf(InputException.class).hasMessageContaining("no/such/spec.yaml").hasMessageContaining("not found");
        assertThatThrownBy(() -> SpecReader.load("pack:nope")).hasMessageContaining("soc, web-session, transactions, metrics");
    }

    @Test
    void yamlIsReadAsDataOnly() {
        // a YAML tag that would construct an object in a permissive loader is just a string here
        InputException e = error(HEAD + "  - {name: a, expr: !!java.net.URL [\"http://example.com\"]}\n");
        assertThat(e.getMessage()).startsWith("f.yaml:7:").contains("must be a single value");
    }
}
