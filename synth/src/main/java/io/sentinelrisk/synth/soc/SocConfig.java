package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.error.InputException;

import io.sentinelrisk.synth.Difficulty;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link SocGenerator} produces. Defaults: 200 users × 200 events, 1% attacks of all three
 * kinds, 10% high-risk users, 30 days from 2024-01-01T00:00:00Z, seed 42.
 *
 * @param nUsers           users in the catalogue
 * @param eventsPerUser    events per user on average; the data set has nUsers × eventsPerUser rows
 * @param anomalyFraction  share of rows that are attacks (rounded to a whole number of rows)
 * @param highRiskFraction share of users who fail, roam and switch devices more often
 * @param days             length of the period
 * @param start            first day of the period (events are placed by each user's local clock)
 * @param attacks          which attacks to plant; the attack rows are shared evenly among them
 * @param randomState      seed: the same config gives the same rows
 * @param difficulty       how far attacks stand out and how noisy normal users are ({@link Difficulty})
 * @param labelNoise       share of rows whose {@code label} is flipped (the {@code scenario} column stays true)
 */
public record SocConfig(int nUsers, int eventsPerUser, double anomalyFraction, double highRiskFraction,
                        int days, Instant start, Set<SocAttack> attacks, long randomState, Difficulty difficulty,
                        double labelNoise) {

    public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

    public SocConfig {
        require(nUsers >= 1, "--n-users", "an integer ≥ 1", nUsers);
        require(eventsPerUser >= 1, "--events-per-user", "an integer ≥ 1", eventsPerUser);
        require(anomalyFraction >= 0 && anomalyFraction <= 0.5, "--contamination", "a number in [0, 0.5]", anomalyFraction);
        require(highRiskFraction >= 0 && highRiskFraction <= 1, "--high-risk-fraction", "a number in [0, 1]", highRiskFraction);
        require(days >= 1 && days <= 3650, "--days", "an integer in [1, 3650]", days);
        require((long) nUsers * eventsPerUser <= 50_000_000L, "--n-users × --events-per-user", "at most 50,000,000 events",
                (long) nUsers * eventsPerUser);
        if (attacks == null || attacks.isEmpty()) {
            attacks = EnumSet.allOf(SocAttack.class);
        }
        attacks = Set.copyOf(EnumSet.copyOf(attacks));
        if (start == null) {
            start = DEFAULT_START;
        }
        if (difficulty == null) {
            difficulty = Difficulty.NORMAL;
        }
        Difficulty.checkNoise(labelNoise);
    }

    /** A config of normal difficulty without label noise. */
    public SocConfig(int nUsers, int eventsPerUser, double anomalyFraction, double highRiskFraction,
                     int days, Instant start, Set<SocAttack> attacks, long randomState) {
        this(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, days, start, attacks, randomState, Difficulty.NORMAL, 0);
    }

    /** This config at {@code d}, with the difficulty's default label noise. */
    public SocConfig withDifficulty(Difficulty d) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, days, start, attacks, randomState, d,
                d.defaultLabelNoise());
    }

    public SocConfig withLabelNoise(double noise) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, days, start, attacks, randomState,
                difficulty, noise);
    }

    boolean hard() {
        return difficulty == Difficulty.HARD;
    }

    public static SocConfig defaults() {
        return new SocConfig(200, 200, 0.01, 0.10, 30, DEFAULT_START, EnumSet.allOf(SocAttack.class), 42L);
    }

    public SocConfig withUsers(int n) {
        return new SocConfig(n, eventsPerUser, anomalyFraction, highRiskFraction, days, start, attacks, randomState, difficulty, labelNoise);
    }

    public SocConfig withEventsPerUser(int n) {
        return new SocConfig(nUsers, n, anomalyFraction, highRiskFraction, days, start, attacks, randomState, difficulty, labelNoise);
    }

    public SocConfig withAnomalyFraction(double f) {
        return new SocConfig(nUsers, eventsPerUser, f, highRiskFraction, days, start, attacks, randomState, difficulty, labelNoise);
    }

    public SocConfig withHighRiskFraction(double f) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, f, days, start, attacks, randomState, difficulty, labelNoise);
    }

    public SocConfig withDays(int d) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, d, start, attacks, randomState, difficulty, labelNoise);
    }

    public SocConfig withStart(Instant s) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, days, s, attacks, randomState, difficulty, labelNoise);
    }

    public SocConfig withAttacks(Set<SocAttack> a) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, days, start, a, randomState, difficulty, labelNoise);
    }

    public SocConfig withRandomState(long seed) {
        return new SocConfig(nUsers, eventsPerUser, anomalyFraction, highRiskFraction, days, start, attacks, seed, difficulty, labelNoise);
    }

    /** Rows in the data set. */
    public int totalEvents() {
        return nUsers * eventsPerUser;
    }

    /** Attack rows: {@code round(totalEvents × anomalyFraction)}. */
    public int attackEvents() {
        return (int) Math.round(totalEvents() * anomalyFraction);
    }

    private static void require(boolean ok, String name, String expected, Object found) {
        if (!ok) {
            throw new InputException(name + ": expected " + expected + ", found " + found);
        }
    }
}
