package io.sentinelrisk.cli.stream;

import io.sentinelrisk.core.util.Durations;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Drift monitoring and entity-risk updates, named and defaulted the same in every command that
 * scores a Kafka topic ({@code stream run}, {@code flink run}).
 */
public final class DriftRiskOptions {
    @Option(names = "--drift-topic", paramLabel = "TOPIC", description = "Topic for drift alerts (default: logged only).")
    public String driftTopic;

    @Option(names = "--drift-window", paramLabel = "N", defaultValue = "5000",
            description = "Events in the sliding drift window; 0 = no drift monitoring (default: ${DEFAULT-VALUE}).")
    public int driftWindow;

    @Option(names = "--drift-every", paramLabel = "N", defaultValue = "1000",
            description = "Check drift every N events (default: ${DEFAULT-VALUE}).")
    public int driftEvery;

    @Option(names = "--risk-topic", paramLabel = "TOPIC",
            description = "Topic for each entity's decayed risk (as sentinel entities computes it), keyed by entity, "
                    + "whenever an alert moves it (default: none).")
    public String riskTopic;

    @Option(names = "--risk-half-life", paramLabel = "DURATION", defaultValue = "24h",
            description = "Half-life of entity risk: 90s, 30m, 24h, 7d (default: ${DEFAULT-VALUE}).")
    public String riskHalfLife;

    /** Checks the values; the half-life in milliseconds. */
    public long validate(CommandSpec spec) {
        if (driftWindow < 0 || driftEvery < 1) {
            throw new ParameterException(spec.commandLine(), "--drift-window must be at least 0 and --drift-every at least 1");
        }
        long ms = Durations.parseMillis(riskHalfLife);
        if (ms < 1) {
            throw new ParameterException(spec.commandLine(), "--risk-half-life takes a positive duration such as 30m, 24h or 7d; got '"
                    + riskHalfLife + "'");
        }
        return ms;
    }
}
