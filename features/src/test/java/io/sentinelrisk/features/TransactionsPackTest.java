package io.sentinelrisk.features;

import io.sentinelrisk.features.spec.FeatureSpec;
import io.sentinelrisk.features.spec.Packs;
import io.sentinelrisk.features.testing.Builds;
import io.sentinelrisk.features.testing.Compare;
import io.sentinelrisk.features.testing.Csv;
import io.sentinelrisk.features.testing.PackData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transactions pack's country-history features (country share of the card's last 30 days,
 * country change, payments in this country in the last day, 30-day count, distinct merchants in
 * the hour) mean what docs/features.md says, on every engine, and never read a later payment.
 */
@Tag("integration")
class TransactionsPackTest {
    private static final FeatureSpec PACK = Packs.load("transactions");

    @TempDir
    Path dir;

    private Csv build(String engine, Path in) {
        Path out = dir.resolve(engine + "-" + in.getFileName());
        return switch (engine) {
            case "duckdb" -> Builds.duckdb(PACK, in, out);
            case "stream" -> Builds.stream(PACK, in, out);
            default -> Builds.postgres(PACK, in, out);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "stream", "postgresql"})
    void countryHistoryOfAHandMadeCard(String engine) throws Exception {
        // card c1 pays at home (DE) for three days, then three times in France within an hour,
        // then at home again; c2 pays once in France at the same instant as c1's third French payment
        Path in = Files.writeString(dir.resolve("tx.csv"), """
                transaction_id,card_id,timestamp,amount,merchant_id,country
                t0,c1,2024-05-01T09:00:00Z,20,m1,DE
                t1,c1,2024-05-02T09:00:00Z,30,m2,DE
                t2,c1,2024-05-03T09:00:00Z,25,m1,DE
                t3,c1,2024-05-03T20:00:00Z,200,m3,FR
                t4,c1,2024-05-03T20:30:00Z,300,m4,FR
                t5,c1,2024-05-03T20:50:00Z,250,m5,FR
                t6,c2,2024-05-03T20:50:00Z,10,m5,FR
                t7,c1,2024-05-04T08:00:00Z,20,m1,DE
                """);
        Csv out = build(engine, in);
        double nan = Double.NaN;
        assertThat(col(out, "tx_count_30d")).containsExactly(0, 1, 2, 3, 4, 5, 0, 6);
        // share of the card's earlier 30-day payments made in this payment's country; none: null
        assertThat(col(out, "country_share_30d")).containsExactly(nan, 1, 1, 0, 0.25, 0.4, nan, 0.5);
        // a first payment has no previous country: unknown, so the flag is 0
        assertThat(col(out, "country_changed")).containsExactly(0, 0, 0, 1, 0, 0, 0, 1);
        // t1, t2: the DE payment exactly 24 h earlier is in the window; t7: of c1's payments in
        // [05-03 08:00, 05-04 08:00) only t2 is in DE, the French ones do not count
        assertThat(col(out, "country_tx_count_24h")).containsExactly(0, 1, 1, 0, 1, 2, 0, 1);
        assertThat(col(out, "distinct_merchants_1h")).containsExactly(0, 0, 0, 0, 1, 2, 0, 0);
        assertThat(col(out, "new_country")).containsExactly(1, 0, 0, 1, 0, 0, 1, 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"duckdb", "stream", "postgresql"})
    void plantedLaterPaymentsChangeNoEarlierFeature(String engine) throws Exception {
        Path base = PackData.transactions(dir.resolve("base.csv"), 11, 400);
        List<String> lines = Files.readAllLines(base);
        String header = lines.get(0);
        List<String> events = new ArrayList<>(lines.subList(1, lines.size()));
        String cutoff = events.get(200).split(",")[2];
        long cut = Instant.parse(cutoff).toEpochMilli();
        List<String> past = events.stream().filter(l -> Instant.parse(l.split(",")[2]).toEpochMilli() <= cut).toList();

        // a spree abroad on every card, later than the cutoff and exactly at it (ties)
        Random rnd = new Random(11);
        List<String> full = new ArrayList<>(events);
        for (int i = 0; i < 80; i++) {
            long ts = i % 4 == 0 ? cut : cut + 1 + rnd.nextInt(3_600_000);
            full.add(rnd.nextInt(full.size() + 1), "p%d,c%d,%s,%d,mp%d,ZZ%d".formatted(i, i % 20, Instant.ofEpochMilli(ts),
                    100_000 + i, i, i % 3));
        }
        Csv before = build(engine, write("past.csv", header, past));
        Csv after = build(engine, write("full.csv", header, full));

        Map<String, Integer> rowOf = new HashMap<>();
        for (int r = 0; r < after.rows.size(); r++) {
            rowOf.put(after.get(r, "transaction_id"), r);
        }
        int compared = 0;
        for (int r = 0; r < before.rows.size(); r++) {
            int a = rowOf.get(before.get(r, "transaction_id"));
            for (String f : PACK.outputNames()) {
                assertThat(Compare.close(before.num(r, f), after.num(a, f)))
                        .as("%s of %s: %s without the planted payments, %s with them", f, before.get(r, "transaction_id"),
                                before.get(r, f), after.get(a, f))
                        .isTrue();
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(200 * 19);
        // and the planted payments did move later features, so the check above could fail
        int changedCountry = 0;
        for (int r = 0; r < after.rows.size(); r++) {
            if (after.get(r, "transaction_id").startsWith("p") && after.num(r, "country_tx_count_24h") > 0) {
                changedCountry++;
            }
        }
        assertThat(changedCountry).isGreaterThan(0);
    }

    private Path write(String name, String header, List<String> events) throws Exception {
        List<String> l = new ArrayList<>();
        l.add(header);
        l.addAll(events);
        return Files.write(dir.resolve(name), l);
    }

    private static double[] col(Csv c, String name) {
        double[] v = new double[c.rows.size()];
        for (int r = 0; r < v.length; r++) {
            v[r] = c.num(r, name);
        }
        return v;
    }
}
