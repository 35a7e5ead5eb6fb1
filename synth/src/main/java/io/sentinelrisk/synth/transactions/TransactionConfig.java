package io.sentinelrisk.synth.transactions;

import io.sentinelrisk.core.error.InputException;

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
 */
public record TransactionConfig(int cards, int transactionsPerCard, double fraudFraction, int days, Instant start,
                                long randomState) {
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
    }

    public static TransactionConfig defaults() {
        return new TransactionConfig(1000, 50, 0.01, 30, null, 42L);
    }

    public TransactionConfig withCards(int n) {
        return new TransactionConfig(n, transactionsPerCard, fraudFraction, days, start, randomState);
    }

    public TransactionConfig withTransactionsPerCard(int n) {
        return new TransactionConfig(cards, n, fraudFraction, days, start, randomState);
    }

    public TransactionConfig withFraudFraction(double f) {
        return new TransactionConfig(cards, transactionsPerCard, f, days, start, randomState);
    }

    public TransactionConfig withDays(int d) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, d, start, randomState);
    }

    public TransactionConfig withStart(Instant s) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, days, s, randomState);
    }

    public TransactionConfig withRandomState(long seed) {
        return new TransactionConfig(cards, transactionsPerCard, fraudFraction, days, start, seed);
    }

    public int rows() {
        return cards * transactionsPerCard;
    }

    public int fraudRows() {
        return (int) Math.round(rows() * fraudFraction);
    }
}
