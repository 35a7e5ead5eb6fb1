package io.sentinelrisk.synth.metrics;

import io.sentinelrisk.core.error.InputException;

import java.time.Instant;

/**
 * What {@link MetricsGenerator} produces. Defaults: 3 series of 4,032 points (two weeks at 5
 * minutes) from 2024-01-01T00:00:00Z, each with 5 spikes, 1 level shift and 1 drift, seed 42.
 *
 * @param series          number of series
 * @param points          points per series
 * @param intervalSeconds time between points
 * @param spikes          single-point spikes per series
 * @param levelShifts     level shifts per series (24–72 points each)
 * @param drifts          drifts per series (48–144 points each)
 * @param start           time of the first point
 * @param randomState     seed
 */
public record MetricsConfig(int series, int points, int intervalSeconds, int spikes, int levelShifts, int drifts,
                            Instant start, long randomState) {
    public MetricsConfig {
        check(series >= 1 && series <= 10_000, "--series", "an integer in [1, 10000]", series);
        check(points >= 10, "--points", "an integer ≥ 10", points);
        check((long) series * points <= 50_000_000L, "--series × --points", "at most 50,000,000 rows", (long) series * points);
        check(intervalSeconds >= 1, "--interval-seconds", "an integer ≥ 1", intervalSeconds);
        check((long) points * intervalSeconds < (1L << 31), "--points × --interval-seconds", "less than 68 years", (long) points * intervalSeconds);
        check(spikes >= 0, "--spikes", "an integer ≥ 0", spikes);
        check(levelShifts >= 0, "--level-shifts", "an integer ≥ 0", levelShifts);
        check(drifts >= 0, "--drifts", "an integer ≥ 0", drifts);
        if (start == null) {
            start = Instant.parse("2024-01-01T00:00:00Z");
        }
    }

    private static void check(boolean ok, String name, String expected, Object found) {
        if (!ok) {
            throw new InputException(name + ": expected " + expected + ", found " + found);
        }
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(3, 4032, 300, 5, 1, 1, null, 42L);
    }

    public MetricsConfig withSeries(int n) {
        return new MetricsConfig(n, points, intervalSeconds, spikes, levelShifts, drifts, start, randomState);
    }

    public MetricsConfig withPoints(int n) {
        return new MetricsConfig(series, n, intervalSeconds, spikes, levelShifts, drifts, start, randomState);
    }

    public MetricsConfig withIntervalSeconds(int s) {
        return new MetricsConfig(series, points, s, spikes, levelShifts, drifts, start, randomState);
    }

    public MetricsConfig withAnomalies(int spikeCount, int shiftCount, int driftCount) {
        return new MetricsConfig(series, points, intervalSeconds, spikeCount, shiftCount, driftCount, start, randomState);
    }

    public MetricsConfig withStart(Instant s) {
        return new MetricsConfig(series, points, intervalSeconds, spikes, levelShifts, drifts, s, randomState);
    }

    public MetricsConfig withRandomState(long seed) {
        return new MetricsConfig(series, points, intervalSeconds, spikes, levelShifts, drifts, start, seed);
    }
}
