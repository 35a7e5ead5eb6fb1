package io.sentinelrisk.synth.scenario;

import java.util.List;
import java.util.Locale;

/**
 * What a scenario means to the business when it is detected.
 *
 * @param riskLevel         low, medium, high or critical
 * @param estimatedCost     expected loss of one undetected incident
 * @param currency          of {@code estimatedCost} (default USD)
 * @param slaMinutes        time allowed to respond
 * @param recommendedAction what the analyst should do first
 * @param escalationPath    who is told, in order
 */
public record Business(RiskLevel riskLevel, double estimatedCost, String currency, int slaMinutes,
                       String recommendedAction, List<String> escalationPath) {
    public Business {
        escalationPath = List.copyOf(escalationPath);
    }

    public enum RiskLevel {
        LOW, MEDIUM, HIGH, CRITICAL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
