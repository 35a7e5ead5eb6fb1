package io.sentinelrisk.synth.transactions;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.util.Parallel;
import io.sentinelrisk.synth.Bursts;
import io.sentinelrisk.synth.FrameBuilder;
import io.sentinelrisk.synth.Geo;
import io.sentinelrisk.synth.Seeds;
import io.sentinelrisk.synth.TimeOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Card payments: each card spends at its own usual level, hours and merchant categories in its
 * home country; fraud is planted as card testing (bursts of 5–15 tiny online payments within
 * minutes), sudden high-value purchases (20–100 × the card's usual amount) and foreign sprees
 * (3–6 payments within hours in a country at least 2,000 km from home).
 */
public final class TransactionGenerator {
    public static final List<String> COLUMNS = List.of("transaction_id", "timestamp", "card_id", "merchant_id",
            "merchant_category", "amount", "channel", "country", "hour", "scenario", "label");
    public static final List<String> SCENARIOS = List.of("normal", "card_testing", "high_value", "foreign_spree");
    public static final List<String> CHANNELS = List.of("pos", "online", "atm");

    /** A merchant category: how much more than a card's usual amount is spent there, and through which channel. */
    private record Category(String name, double amountFactor, int channel, double popularity) {
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category("grocery", 1.0, 0, 0.30),
            new Category("fuel", 1.2, 0, 0.12),
            new Category("restaurant", 0.9, 0, 0.18),
            new Category("pharmacy", 0.6, 0, 0.06),
            new Category("online_retail", 1.6, 1, 0.14),
            new Category("entertainment", 0.7, 1, 0.07),
            new Category("travel", 6.0, 1, 0.03),
            new Category("atm", 2.5, 2, 0.06),
            new Category("electronics", 5.0, 0, 0.035),
            new Category("jewelry", 8.0, 0, 0.005));
    private static final int ONLINE_RETAIL = 4;
    private static final int ATM = 7;
    private static final int ELECTRONICS = 8;
    private static final int JEWELRY = 9;
    static final int MERCHANTS_PER_CATEGORY = 25;

    static final int TESTING = 1;
    static final int HIGH_VALUE = 2;
    static final int SPREE = 3;
    static final int MIN_TEST_BURST = 5;
    static final int MAX_TEST_BURST = 15;
    static final int MIN_SPREE = 3;
    static final int MAX_SPREE = 6;
    static final double MIN_SPREE_KM = 2000;
    private static final long DAY_S = 86_400;

    /** The stream that picks the rows whose label is flipped (label noise). */
    private static final long NOISE_STREAM = (1L << 41) + 7;

    private TransactionGenerator() {
    }

    public static Frame generate(TransactionConfig config) {
        return generate(config, Parallel.defaultThreads());
    }

    /** The result does not depend on {@code threads}. */
    public static Frame generate(TransactionConfig config, int threads) {
        int cards = config.cards();
        int total = config.rows();
        int fraud = config.fraudRows();
        SplittableRandom plan = Seeds.stream(config.randomState(), 2);
        int testingRows = fraud / 3 >= MIN_TEST_BURST ? fraud / 3 : 0;
        int spreeRows = fraud / 3 >= MIN_SPREE ? fraud / 3 : 0;
        int highValueRows = fraud - testingRows - spreeRows;
        int[] testing = Bursts.split(testingRows, MIN_TEST_BURST, MAX_TEST_BURST, plan);
        int[] spree = Bursts.split(spreeRows, MIN_SPREE, MAX_SPREE, plan);
        int incidents = testing.length + spree.length + highValueRows;
        int[] kind = new int[incidents];
        int[] size = new int[incidents];
        int i = 0;
        for (int s : testing) {
            kind[i] = TESTING;
            size[i++] = s;
        }
        for (int s : spree) {
            kind[i] = SPREE;
            size[i++] = s;
        }
        while (i < incidents) {
            kind[i] = HIGH_VALUE;
            size[i++] = 1;
        }
        // Deal incidents to cards: a shuffled card order, again and again.
        int[] victim = new int[incidents];
        int[] order = new int[cards];
        for (int c = 0; c < cards; c++) {
            order[c] = c;
        }
        for (int k = 0; k < incidents; k++) {
            if (k % cards == 0) {
                Bursts.shuffle(order, plan);
            }
            victim[k] = order[k % cards];
        }
        int[] cardRows = new int[cards];
        int[] cardIncidentStart = new int[cards + 1];
        for (int k = 0; k < incidents; k++) {
            cardRows[victim[k]] += size[k];
            cardIncidentStart[victim[k] + 1]++;
        }
        for (int c = 0; c < cards; c++) {
            cardIncidentStart[c + 1] += cardIncidentStart[c];
        }
        int[] cardIncidents = new int[incidents];
        int[] fill = cardIncidentStart.clone();
        for (int k = 0; k < incidents; k++) {
            cardIncidents[fill[victim[k]]++] = k;
        }
        int normal = total - fraud;
        int[] offset = new int[cards + 1];
        int[] normals = new int[cards];
        for (int c = 0; c < cards; c++) {
            normals[c] = normal / cards + (c < normal % cards ? 1 : 0);
            offset[c + 1] = offset[c] + normals[c] + cardRows[c];
        }
        Rows rows = new Rows(total, config.hard());
        long startS = config.start().getEpochSecond();
        Parallel.forRange(cards, threads, 16, (from, to) -> {
            for (int c = from; c < to; c++) {
                SplittableRandom rng = Seeds.stream(config.randomState(), (1L << 40) + c);
                Card card = new Card(rng);
                int pos = offset[c];
                for (int r = 0; r < normals[c]; r++) {
                    rows.normal(pos++, c, card, startS, config.days(), rng);
                }
                for (int k = cardIncidentStart[c]; k < cardIncidentStart[c + 1]; k++) {
                    int inc = cardIncidents[k];
                    switch (kind[inc]) {
                        case TESTING -> rows.testing(pos, size[inc], c, card, startS, config.days(), rng);
                        case SPREE -> rows.spree(pos, size[inc], c, card, startS, config.days(), rng);
                        default -> rows.highValue(pos, c, card, startS, config.days(), rng);
                    }
                    pos += size[inc];
                }
            }
        });
        return rows.toFrame(cards, config);
    }

    /** A card's habits. */
    private static final class Card {
        final int homeCity;
        final double median;
        final double habitHour;
        final double[] categoryWeights = new double[CATEGORIES.size()];

        Card(SplittableRandom rng) {
            homeCity = rng.nextInt(Geo.CITIES.size());
            median = Seeds.logNormal(rng, 35, 0.5);
            habitHour = Seeds.uniform(rng, 10, 19);
            double sum = 0;
            for (int k = 0; k < categoryWeights.length; k++) {
                // popularity × a card's own taste (exponential, so some categories dominate)
                categoryWeights[k] = CATEGORIES.get(k).popularity() * (0.2 - Math.log(1 - rng.nextDouble()));
                sum += categoryWeights[k];
            }
            for (int k = 0; k < categoryWeights.length; k++) {
                categoryWeights[k] /= sum;
            }
        }

        int pickCategory(SplittableRandom rng) {
            double u = rng.nextDouble();
            for (int k = 0; k < categoryWeights.length - 1; k++) {
                u -= categoryWeights[k];
                if (u < 0) {
                    return k;
                }
            }
            return categoryWeights.length - 1;
        }
    }

    private static final class Rows {
        final long[] ts;
        final int[] card;
        final int[] merchant;
        final int[] category;
        final double[] amount;
        final int[] channel;
        final int[] country;
        final double[] hour;
        final int[] scenario;
        /** Hard data (docs/synth.md): fraud inside the normal ranges, noisier cards. */
        final boolean hard;

        Rows(int n, boolean hard) {
            this.hard = hard;
            ts = new long[n];
            card = new int[n];
            merchant = new int[n];
            category = new int[n];
            amount = new double[n];
            channel = new int[n];
            country = new int[n];
            hour = new double[n];
            scenario = new int[n];
        }

        void normal(int i, int c, Card k, long startS, int days, SplittableRandom rng) {
            Geo.City home = Geo.CITIES.get(k.homeCity);
            double h = Math.min(23.99, Math.max(6, k.habitHour + (hard ? 5 : 3.5) * rng.nextGaussian()));
            // hard: 3% of a card's payments are made while travelling, in a random city
            Geo.City where = hard && rng.nextDouble() < 0.03 ? Geo.CITIES.get(rng.nextInt(Geo.CITIES.size())) : home;
            put(i, c, k.pickCategory(rng), where, at(startS, rng.nextInt(days), (long) (h * 3600), where), rng);
            amount[i] = money(k.median * CATEGORIES.get(category[i]).amountFactor() * Math.exp((hard ? 0.9 : 0.6) * rng.nextGaussian()));
            scenario[i] = 0;
        }

        void testing(int from, int size, int c, Card k, long startS, int days, SplittableRandom rng) {
            Geo.City home = Geo.CITIES.get(k.homeCity);
            long t = at(startS, rng.nextInt(days), rng.nextLong(DAY_S), home);
            int m = ONLINE_RETAIL * MERCHANTS_PER_CATEGORY + rng.nextInt(MERCHANTS_PER_CATEGORY);
            for (int i = from; i < from + size; i++) {
                put(i, c, ONLINE_RETAIL, home, t, rng);
                if (!hard) {
                    merchant[i] = m;
                }
                channel[i] = 1;
                // hard: small but not tiny amounts, minutes apart, a different shop each time
                amount[i] = money(hard ? Seeds.uniform(rng, 2, 15) : Seeds.uniform(rng, 0.5, 2.0));
                scenario[i] = TESTING;
                t += hard ? 60 + rng.nextInt(840) : 10 + rng.nextInt(50);
            }
        }

        void highValue(int i, int c, Card k, long startS, int days, SplittableRandom rng) {
            Geo.City home = Geo.CITIES.get(k.homeCity);
            double h = Math.min(23.99, Math.max(6, k.habitHour + 3.5 * rng.nextGaussian()));
            int cat = hard && rng.nextBoolean() ? k.pickCategory(rng) : rng.nextBoolean() ? ELECTRONICS : JEWELRY;
            put(i, c, cat, home, at(startS, rng.nextInt(days), (long) (h * 3600), home), rng);
            if (rng.nextBoolean()) {
                channel[i] = 1;
            }
            // hard: 4–12 × the card's median, within reach of its own expensive categories
            amount[i] = money(k.median * (hard ? Seeds.uniform(rng, 4, 12) : Seeds.uniform(rng, 20, 100)));
            scenario[i] = HIGH_VALUE;
        }

        void spree(int from, int size, int c, Card k, long startS, int days, SplittableRandom rng) {
            Geo.City home = Geo.CITIES.get(k.homeCity);
            Geo.City abroad;
            do {
                abroad = Geo.CITIES.get(rng.nextInt(Geo.CITIES.size()));
            } while (Geo.distanceKm(home.lat(), home.lon(), abroad.lat(), abroad.lon()) < MIN_SPREE_KM);
            if (hard && rng.nextBoolean()) {
                abroad = home;   // hard: half the sprees are card-not-present fraud at home
            }
            long t = at(startS, rng.nextInt(days), rng.nextLong(DAY_S), abroad);
            for (int i = from; i < from + size; i++) {
                int cat = switch (rng.nextInt(3)) {
                    case 0 -> ELECTRONICS;
                    case 1 -> JEWELRY;
                    default -> ATM;
                };
                put(i, c, cat, abroad, t, rng);
                amount[i] = money(k.median * (hard ? Seeds.uniform(rng, 1.5, 4) : Seeds.uniform(rng, 3, 10)) * (cat == ATM ? 1 : 1.5));
                scenario[i] = SPREE;
                t += hard ? 1800 + rng.nextInt(9000) : 600 + rng.nextInt(3000);
            }
        }

        private void put(int i, int c, int cat, Geo.City where, long t, SplittableRandom rng) {
            ts[i] = t;
            card[i] = c;
            category[i] = cat;
            merchant[i] = cat * MERCHANTS_PER_CATEGORY + rng.nextInt(MERCHANTS_PER_CATEGORY);
            Category k = CATEGORIES.get(cat);
            channel[i] = cat == ELECTRONICS && rng.nextDouble() < 0.5 ? 1 : k.channel();
            country[i] = Geo.countryCode(where);
            hour[i] = Math.floorMod(t + offsetS(where), DAY_S) / 3600;
        }

        /** The instant of local second {@code local} on day {@code day} of the period in that city. */
        private static long at(long startS, int day, long local, Geo.City where) {
            long offset = offsetS(where);
            long dayZero = startS + Math.floorMod(-(startS + offset), DAY_S);
            return dayZero + day * DAY_S + local;
        }

        private static long offsetS(Geo.City c) {
            return Math.round(c.utcOffsetHours() * 3600);
        }

        private static double money(double v) {
            return Math.max(0.5, Seeds.round(v, 2));
        }

        Frame toFrame(int cards, TransactionConfig config) {
            int n = ts.length;
            int[] perm = TimeOrder.permutation(ts);
            double[] id = new double[n];
            long[] millis = new long[n];
            int[] cardCol = new int[n];
            int[] merchantCol = new int[n];
            int[] categoryCol = new int[n];
            double[] amountCol = new double[n];
            int[] channelCol = new int[n];
            int[] countryCol = new int[n];
            double[] hourCol = new double[n];
            int[] scenarioCol = new int[n];
            double[] label = new double[n];
            for (int r = 0; r < n; r++) {
                int i = perm[r];
                id[r] = r + 1;
                millis[r] = ts[i] * 1000;
                cardCol[r] = card[i];
                merchantCol[r] = merchant[i];
                categoryCol[r] = category[i];
                amountCol[r] = amount[i];
                channelCol[r] = channel[i];
                countryCol[r] = country[i];
                hourCol[r] = hour[i];
                scenarioCol[r] = scenario[i];
                label[r] = scenario[i] == 0 ? 0 : 1;
            }
            if (config.labelNoise() > 0) {
                // wrong labels, drawn in time order from a stream of their own; scenario stays true
                SplittableRandom noise = Seeds.stream(config.randomState(), NOISE_STREAM);
                for (int r = 0; r < n; r++) {
                    if (noise.nextDouble() < config.labelNoise()) {
                        label[r] = 1 - label[r];
                    }
                }
            }
            List<String> cardNames = new ArrayList<>(cards);
            int width = Math.max(6, Integer.toString(cards).length());
            for (int c = 1; c <= cards; c++) {
                String s = Integer.toString(c);
                cardNames.add("c" + "0".repeat(Math.max(0, width - s.length())) + s);
            }
            List<String> merchants = new ArrayList<>();
            List<String> categories = new ArrayList<>();
            for (Category k : CATEGORIES) {
                categories.add(k.name());
                for (int m = 1; m <= MERCHANTS_PER_CATEGORY; m++) {
                    merchants.add(k.name() + "-" + (m < 10 ? "0" : "") + m);
                }
            }
            return new FrameBuilder()
                    .numeric("transaction_id", id, ColumnRole.ID)
                    .timestamp("timestamp", millis, ColumnRole.ID)
                    .categorical("card_id", cardCol, cardNames, ColumnRole.ID)
                    .categorical("merchant_id", merchantCol, merchants, ColumnRole.ID)
                    .categorical("merchant_category", categoryCol, categories, ColumnRole.FEATURE)
                    .numeric("amount", amountCol, ColumnRole.FEATURE)
                    .categorical("channel", channelCol, CHANNELS, ColumnRole.FEATURE)
                    .categorical("country", countryCol, Geo.COUNTRIES, ColumnRole.FEATURE)
                    .numeric("hour", hourCol, ColumnRole.FEATURE)
                    .categorical("scenario", scenarioCol, SCENARIOS, ColumnRole.IGNORE)
                    .numeric("label", label, ColumnRole.LABEL)
                    .build();
        }
    }
}
