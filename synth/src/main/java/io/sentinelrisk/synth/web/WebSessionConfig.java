package io.sentinelrisk.synth.web;

import io.sentinelrisk.core.error.InputException;

import java.time.Instant;

/**
 * What {@link WebSessionGenerator} produces. Defaults: 10,000 sessions over 7 days from
 * 2024-01-01T00:00:00Z, 2% suspicious sessions, seed 42.
 *
 * @param sessions        rows
 * @param anomalyFraction share of rows that are bots, account takeovers or emulators (in equal shares)
 * @param days            length of the period
 * @param start           start of the period
 * @param randomState     seed
 */
public record WebSessionConfig(int sessions, double anomalyFraction, int days, Instant start, long randomState) {
    public WebSessionConfig {
        if (sessions < 1 || sessions > 50_000_000) {
            throw new InputException("--sessions: expected an integer in [1, 50000000], found " + sessions);
        }
        if (!(anomalyFraction >= 0 && anomalyFraction <= 0.5)) {
            throw new InputException("--contamination: expected a number in [0, 0.5], found " + anomalyFraction);
        }
        if (days < 1 || days > 3650) {
            throw new InputException("--days: expected an integer in [1, 3650], found " + days);
        }
        if (start == null) {
            start = Instant.parse("2024-01-01T00:00:00Z");
        }
    }

    public static WebSessionConfig defaults() {
        return new WebSessionConfig(10_000, 0.02, 7, null, 42L);
    }

    public WebSessionConfig withSessions(int n) {
        return new WebSessionConfig(n, anomalyFraction, days, start, randomState);
    }

    public WebSessionConfig withAnomalyFraction(double f) {
        return new WebSessionConfig(sessions, f, days, start, randomState);
    }

    public WebSessionConfig withDays(int d) {
        return new WebSessionConfig(sessions, anomalyFraction, d, start, randomState);
    }

    public WebSessionConfig withStart(Instant s) {
        return new WebSessionConfig(sessions, anomalyFraction, days, s, randomState);
    }

    public WebSessionConfig withRandomState(long seed) {
        return new WebSessionConfig(sessions, anomalyFraction, days, start, seed);
    }

    public int anomalies() {
        return (int) Math.round(sessions * anomalyFraction);
    }
}
