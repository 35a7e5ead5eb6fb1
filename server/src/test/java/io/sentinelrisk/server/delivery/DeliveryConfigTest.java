package io.sentinelrisk.server.delivery;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.export.format.ExportFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryConfigTest {
    private static final Map<String, String> ENV = Map.of("HEC_TOKEN", "hec-secret-123", "PD_KEY", "pd-secret-456",
            "SLACK_PATH", "T000/B000/XXXXSECRET");

    private static DeliveryConfig parse(String yaml) {
        return DeliveryConfig.parse(yaml, "delivery.yaml", ENV::get);
    }

    @Test
    void readsRoutesRetryAndSecretsFromTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("delivery.yaml");
        Files.writeString(file, """
                retry:
                  max_attempts: 4
                  initial_backoff: 250ms
                  multiplier: 3
                  max_backoff: 5s
                queue_capacity: 500
                shutdown_drain: 2s
                routes:
                  - name: splunk
                    url: https://splunk.example:8088/services/collector/event
                    format: hec
                    min_severity: high
                    sourcetype: sentinelrisk:alert
                    index: security
                    headers:
                      Authorization: "Splunk ${env:HEC_TOKEN}"
                    timeout: 3s
                  - name: oncall
                    url: https://events.pagerduty.com/v2/enqueue
                    format: pagerduty
                    routing_key: ${env:PD_KEY}
                    min_severity: critical
                    categories: [account_takeover, card_fraud]
                  - name: chat
                    url: https://hooks.slack.com/services/${env:SLACK_PATH}
                    format: slack
                """);
        DeliveryConfig c = DeliveryConfig.read(file, ENV::get);
        assertThat(c.retry()).isEqualTo(new RetryPolicy(4, Duration.ofMillis(250), 3.0, Duration.ofSeconds(5)));
        assertThat(c.retry().backoff(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.retry().backoff(2)).isEqualTo(Duration.ofMillis(750));
        assertThat(c.retry().backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.queueCapacity()).isEqualTo(500);
        assertThat(c.shutdownDrain()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.routes()).hasSize(3);
        DeliveryRoute splunk = c.routes().get(0);
        assertThat(splunk.format()).isEqualTo(ExportFormat.HEC);
        assertThat(splunk.minSeverity()).isEqualTo(Severity.HIGH);
        assertThat(splunk.headers()).containsEntry("Authorization", "Splunk hec-secret-123");
        assertThat(splunk.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(splunk.sourcetype()).isEqualTo("sentinelrisk:alert");
        DeliveryRoute oncall = c.routes().get(1);
        assertThat(oncall.routingKey()).isEqualTo("pd-secret-456");
        assertThat(oncall.categories()).isEqualTo(Set.of("account_takeover", "card_fraud"));
        assertThat(oncall.timeout()).isEqualTo(DeliveryConfig.DEFAULT_TIMEOUT);
        DeliveryRoute chat = c.routes().get(2);
        assertThat(chat.url().toString()).isEqualTo("https://hooks.slack.com/services/T000/B000/XXXXSECRET");
        assertThat(chat.minSeverity()).isEqualTo(Severity.INFO);
        // a route printed in a log shows no secret
        for (DeliveryRoute r : c.routes()) {
            assertThat(r.toString()).doesNotContain("secret", "SECRET");
        }
        assertThat(chat.redact("failed for https://hooks.slack.com/services/T000/B000/XXXXSECRET")).doesNotContain("SECRET");
    }

    @Test
    void defaultsWithoutSettings() {
        DeliveryConfig c = parse("routes: []");
        assertThat(c.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(c.queueCapacity()).isEqualTo(DeliveryConfig.DEFAULT_QUEUE_CAPACITY);
        assertThat(DeliveryConfig.none().routes()).isEmpty();
    }

    @Test
    void errorsNameThePlaceAndWhatWasExpected() {
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: json, colour: red}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery.yaml:2:").hasMessageContaining("unknown key 'colour'").hasMessageContaining("valid keys:");
        assertThatThrownBy(() -> parse("retrys: {}\n")).hasMessageContaining("unknown key 'retrys'");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: xml}\n"))
                .hasMessageContaining("format: expected one of json, ecs, ocsf, cef, hec, slack, pagerduty, found 'xml'");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: hec, headers: {Authorization: 'Splunk ${env:NOPE}'}}\n"))
                .hasMessageContaining("environment variable NOPE is not set");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: pagerduty}\n"))
                .hasMessageContaining("routing_key is required");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: json, routing_key: k}\n"))
                .hasMessageContaining("routing_key goes with the pagerduty format");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'ftp://x/y', format: json}\n"))
                .hasMessageContaining("expected an http:// or https:// address");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: json, min_severity: low}\n"))
                .hasMessageContaining("expected info, medium, high or critical, found 'low'");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: json, timeout: 5}\n"))
                .hasMessageContaining("expected a duration above 0 with its unit");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: json, headers: {Host: evil}}\n"))
                .hasMessageContaining("'Host' cannot be set");
        assertThatThrownBy(() -> parse("routes:\n  - {name: a, url: 'http://x', format: json}\n  - {name: a, url: 'http://y', format: cef}\n"))
                .hasMessageContaining("the name 'a' is used twice");
        assertThatThrownBy(() -> parse("routes:\n  - {url: 'http://x', format: json}\n")).hasMessageContaining("a route needs 'name'");
        assertThatThrownBy(() -> parse("retry: {max_attempts: 0}\n")).hasMessageContaining("retry.max_attempts: expected a whole number from 1");
        assertThatThrownBy(() -> parse("retry: {initial_backoff: 2s, max_backoff: 1s}\n")).hasMessageContaining("at least retry.initial_backoff");
        // a literal "$" that is not ${env:…} stays as written: nothing else is interpreted
        assertThat(parse("routes:\n  - {name: a, url: 'http://x', format: json, headers: {X-Note: '${HOME} $(id)'}}\n")
                .routes().get(0).headers()).containsEntry("X-Note", "${HOME} $(id)");
    }
}
