package io.sentinelrisk.synth.transactions;

import io.sentinelrisk.core.error.InputException;

import io.sentinelrisk.synth.Difficulty;

import java.time.Instant;

/**
 * What {@link TransactionGenerator} produces. Defaults: 1,000 cards × 50 payments over 30 days
 * from 2024-01-01T00:00:00Z, 1% fraud, seed 42.
 *
 * @param cards                cards (entities)
 * @param transactionsPerCard  payments per card on average; the data set has cards × this rows
 * @param fraudFraction        share of rows that are fraud (card testing, high value, foreign spree)
 * @param days                 length of the period
 * @param start                start of the period
 * @param randomState          seed
 * @param difficulty           how far fraud stands out and how noisy normal cards are ({@link Difficulty})
 * @param labelNoise           share of rows whose {@code label} is flipped (the {@code scenario} column stays true)
 */
public record TransactionConfig(int cards, int transactionsPerCard, double fraudFraction, int days, Instant start,
                                long randomState, Difficulty difficulty, double labelNoise) {
    public TransactionConfig {
        if (cards < 1) {
            throw new InputException("--cards: expected an integer ≥ 1, found " + cards);
        }
        if (transactionsPerCard < 1) {
            throw new InputException("--transactions-per-card: expected an integer ≥ 1, found " + transactionsPerCard);
        }
        if ((long) cards * transactionsPerCard > 50_000_000L) {
            throw new InputException("--cards × --transactions-per-card: expected at most 50,000,000 rows, found "
                    + (long) cards * transactionsPerCard);
        }
        if (!(fraudFraction >= 0 && fraudFraction <= 0.5)) {
            throw new InputException("--contamination: expected a number in [0, 0.5], found " + fraudFraction);
        }
        if (days < 1 || days > 3650) {
            throw new InputException("--days: expected an integer in [1, 3650], found " + days);
        }
        if (start == null) {
            start = Instant.parse("2024-01-01T00:00:00Z");
        }
        if (difficulty == null) {
            difficulty = Difficulty.NORMAL;
        }
        Difficulty.checkNoise(labelNoise);
    }

    /** A config of normal difficulty without label noise. */
    public TransactionConfig(int cards, int transactionsPerCard, double fraudFraction, int days, Instant start, long randomState) {
        this(cards, transactionsPerCard, fraudFraction, days, start, randomState, Difficulty.NORMAL, 0);
    }

    /** This config at {@code d}, with the difficulty's default label noise. */
    public TransactionConfig withDifficulty(Difficulty d) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, days, start, randomState, d, d.defaultLabelNoise());
    }

    public TransactionConfig withLabelNoise(double noise) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, days, start, randomState, difficulty, noise);
    }

    boolean hard() {
        return difficulty == Difficulty.HARD;
    }

    public static TransactionConfig defaults() {
        return new TransactionConfig(1000, 50, 0.01, 30, null, 42L);
    }

    public TransactionConfig withCards(int n) {
        return new TransactionConfig(n, transactionsPerCard, fraudFraction, days, start, randomState, difficulty, labelNoise);
    }

    public TransactionConfig withTransactionsPerCard(int n) {
        return new TransactionConfig(cards, n, fraudFraction, days, start, randomState, difficulty, labelNoise);
    }

    public TransactionConfig withFraudFraction(double f) {
        return new TransactionConfig(cards, transactionsPerCard, f, days, start, randomState, difficulty, labelNoise);
    }

    public TransactionConfig withDays(int d) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, d, start, randomState, difficulty, labelNoise);
    }

    public TransactionConfig withStart(Instant s) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, days, s, randomState, difficulty, labelNoise);
    }

    public TransactionConfig withRandomState(long seed) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, days, start, seed, difficulty, labelNoise);
    }

    public int rows() {
        return cards * transactionsPerCard;
    }

    public int fraudRows() {
        return (int) Math.round(rows() * fraudFraction);
    }
}
