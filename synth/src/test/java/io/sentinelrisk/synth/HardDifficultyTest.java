package io.sentinelrisk.synth;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocGenerator;
import io.sentinelrisk.synth.transactions.TransactionConfig;
import io.sentinelrisk.synth.transactions.TransactionGenerator;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --difficulty hard}: attacks inside the normal ranges, noisier normal rows, 2% wrong labels. */
class HardDifficultyTest {
    private static final SocConfig SOC = SocConfig.defaults().withUsers(100).withEventsPerUser(200).withAnomalyFraction(0.03);
    private static final TransactionConfig TX = TransactionConfig.defaults().withCards(400).withTransactionsPerCard(50)
            .withFraudFraction(0.03);

    /** Share of rows whose label disagrees with their (true) scenario. */
    private static double wrongLabels(Frame f) {
        String[] scenario = Cols.texts(f, "scenario");
        double[] label = Cols.num(f, "label");
        int wrong = 0;
        for (int r = 0; r < label.length; r++) {
            wrong += (label[r] == 1) != !scenario[r].equals("normal") ? 1 : 0;
        }
        return (double) wrong / label.length;
    }

    /** ROC AUC of one column separating one scenario from the normal rows (others left out). */
    private static double auc(Frame f, String column, String scenario, String onlyWhereColumn, String onlyValue) {
        String[] s = Cols.texts(f, "scenario");
        String[] only = onlyWhereColumn == null ? null : Cols.texts(f, onlyWhereColumn);
        double[] v = Cols.num(f, column);
        double[] scores = new double[v.length];
        double[] labels = new double[v.length];
        int k = 0;
        for (int r = 0; r < v.length; r++) {
            if ((s[r].equals("normal") || s[r].equals(scenario)) && (only == null || only[r].equals(onlyValue))) {
                scores[k] = v[r];
                labels[k++] = s[r].equals(scenario) ? 1 : 0;
            }
        }
        return Cols.auc(Arrays.copyOf(scores, k), Arrays.copyOf(labels, k));
    }

    @Test
    void hardSocAttacksHideInsideTheNormalRanges() {
        Frame normal = SocGenerator.generate(SOC).events();
        Frame hard = SocGenerator.generate(SOC.withDifficulty(Difficulty.HARD)).events();
        // a failed-login storm: each row reports the storm's size when normal, 1–3 failures when hard
        assertThat(auc(normal, "failed_attempts", "brute_force", null, null)).isGreaterThan(0.99);
        String[] s = Cols.texts(hard, "scenario");
        double[] failed = Cols.num(hard, "failed_attempts");
        for (int r = 0; r < s.length; r++) {
            if (s[r].equals("brute_force")) {
                assertThat(failed[r]).isBetween(1.0, 3.0);
            }
        }
        // exfiltration's bytes_out among transfers: far out when normal, inside the noisy spread when hard
        assertThat(auc(normal, "bytes_out", "data_exfiltration", "event_type", "transfer")).isGreaterThan(0.99);
        assertThat(auc(hard, "bytes_out", "data_exfiltration", "event_type", "transfer")).isLessThan(0.97);
        // legitimate roaming: normal rows far from the previous event exist only in hard data
        assertThat(count(hard, "geo_distance_km", 2500)).isGreaterThan(3 * count(normal, "geo_distance_km", 2500));
    }

    private static long count(Frame f, String column, double above) {
        String[] s = Cols.texts(f, "scenario");
        double[] v = Cols.num(f, column);
        long n = 0;
        for (int r = 0; r < v.length; r++) {
            n += s[r].equals("normal") && v[r] > above ? 1 : 0;
        }
        return n;
    }

    @Test
    void hardTransactionsFraudLooksLikeTheCardsOwnSpending() {
        Frame normal = TransactionGenerator.generate(TX);
        Frame hard = TransactionGenerator.generate(TX.withDifficulty(Difficulty.HARD));
        assertThat(auc(normal, "amount", "high_value", null, null)).isGreaterThan(auc(hard, "amount", "high_value", null, null) + 0.02);
        assertThat(auc(hard, "amount", "card_testing", null, null)).isGreaterThan(auc(normal, "amount", "card_testing", null, null));
    }

    @Test
    void hardPlantsTwoPercentWrongLabelsAndScenarioStaysTrue() {
        assertThat(wrongLabels(SocGenerator.generate(SOC).events())).isZero();
        assertThat(wrongLabels(SocGenerator.generate(SOC.withDifficulty(Difficulty.HARD)).events())).isBetween(0.017, 0.023);
        assertThat(wrongLabels(SocGenerator.generate(SOC.withDifficulty(Difficulty.HARD).withLabelNoise(0)).events())).isZero();
        assertThat(wrongLabels(TransactionGenerator.generate(TX.withDifficulty(Difficulty.HARD)))).isBetween(0.017, 0.023);
        assertThatThrownBy(() -> SOC.withLabelNoise(0.7)).isInstanceOf(InputException.class).hasMessageContaining("--label-noise");
    }

    @Test
    void hardDataIsTheSameWhateverTheThreads() {
        SocConfig small = SOC.withUsers(30).withDifficulty(Difficulty.HARD);
        assertThat(Cols.dump(SocGenerator.generate(small, 1).events())).isEqualTo(Cols.dump(SocGenerator.generate(small, 3).events()));
        TransactionConfig tx = TX.withCards(60).withDifficulty(Difficulty.HARD);
        assertThat(Cols.dump(TransactionGenerator.generate(tx, 1))).isEqualTo(Cols.dump(TransactionGenerator.generate(tx, 3)));
    }
}
