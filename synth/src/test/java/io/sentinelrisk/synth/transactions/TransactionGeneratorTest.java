package io.sentinelrisk.synth.transactions;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.synth.Cols;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sentinelrisk.synth.Cols.count;
import static io.sentinelrisk.synth.Cols.num;
import static io.sentinelrisk.synth.Cols.texts;
import static org.assertj.core.api.Assertions.assertThat;

class TransactionGeneratorTest {
    private static Frame tx;

    @BeforeAll
    static void generate() {
        tx = TransactionGenerator.generate(TransactionConfig.defaults());
    }

    @Test
    void columnsRowsAndExactFraudCounts() {
        assertThat(tx.schema().names()).containsExactlyElementsOf(TransactionGenerator.COLUMNS);
        assertThat(tx.rows()).isEqualTo(50_000);
        String[] scenario = texts(tx, "scenario");
        assertThat(count(scenario, "card_testing")).isEqualTo(166);
        assertThat(count(scenario, "foreign_spree")).isEqualTo(166);
        assertThat(count(scenario, "high_value")).isEqualTo(168);
        assertThat(java.util.Arrays.stream(num(tx, "label")).sum()).isEqualTo(500);
        long[] ts = Cols.time(tx, "timestamp");
        for (int i = 1; i < ts.length; i++) {
            assertThat(ts[i]).isGreaterThanOrEqualTo(ts[i - 1]);
        }
    }

    @Test
    void deterministicForASeedWhateverTheThreads() {
        TransactionConfig c = TransactionConfig.defaults().withCards(100).withTransactionsPerCard(40).withFraudFraction(0.05);
        String one = Cols.dump(TransactionGenerator.generate(c, 1));
        assertThat(Cols.dump(TransactionGenerator.generate(c, 4))).isEqualTo(one);
        assertThat(Cols.dump(TransactionGenerator.generate(c.withRandomState(3), 4))).isNotEqualTo(one);
    }

    @Test
    void fraudLooksLikeFraud() {
        String[] scenario = texts(tx, "scenario");
        String[] card = texts(tx, "card_id");
        String[] country = texts(tx, "country");
        String[] channel = texts(tx, "channel");
        double[] amount = num(tx, "amount");
        long[] ts = Cols.time(tx, "timestamp");
        Map<String, List<Double>> normalAmounts = new HashMap<>();
        Map<String, String> homeCountry = new HashMap<>();
        Map<String, List<Integer>> testingBursts = new HashMap<>();
        for (int r = 0; r < scenario.length; r++) {
            if (scenario[r].equals("normal")) {
                normalAmounts.computeIfAbsent(card[r], k -> new ArrayList<>()).add(amount[r]);
                homeCountry.put(card[r], country[r]);
            } else if (scenario[r].equals("card_testing")) {
                testingBursts.computeIfAbsent(card[r], k -> new ArrayList<>()).add(r);
            }
        }
        for (int r = 0; r < scenario.length; r++) {
            switch (scenario[r]) {
                case "card_testing" -> {
                    assertThat(amount[r]).isLessThanOrEqualTo(2.0);
                    assertThat(channel[r]).isEqualTo("online");
                }
                case "high_value" -> assertThat(amount[r]).isGreaterThan(5 * median(normalAmounts.get(card[r])));
                case "foreign_spree" -> assertThat(country[r]).isNotEqualTo(homeCountry.get(card[r]));
                default -> {
                }
            }
        }
        for (List<Integer> rows : testingBursts.values()) {
            // one burst per card here (166 rows, few cards hit): 5–15 payments within minutes
            assertThat(rows.size()).isBetween(TransactionGenerator.MIN_TEST_BURST, TransactionGenerator.MAX_TEST_BURST);
            assertThat(ts[rows.get(rows.size() - 1)] - ts[rows.get(0)]).isLessThan(15 * 60_000L);
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
