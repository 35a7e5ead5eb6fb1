package io.sentinelrisk.core.metrics;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest {
    // Fixtures and expected values from scikit-learn 1.2.1: /usr/bin/python3 bench/fixtures/ranking_metrics.py
    static final String A_Y = "0,0,0,1,0,0,1,0,0,0,0,1,1,0,0,0,0,0,0,0,1,1,0,1,1,0,0,0,0,0,0,1,1,1,0,1,0,1,0,1";
    static final String A_S = "-0.11170194958415963,0.11046414324948059,0.06378177425506196,-0.42505582641769335,0.0761402303770081,1.3588234217415376,-0.7471446781284823,0.8593826880215982,0.11935402569658124,-0.6414703941072214,2.000416546342423,1.5622597120847117,-0.3992889021052233,0.07451622877146342,0.5766895836701853,-0.1887821253507493,0.682910267195206,-0.06651732014941557,0.6672475608343279,1.438522591656152,0.12433774899434724,1.0031386103896092,-0.46330757653841514,0.9272684112258309,-0.38719452785013986,-0.5793015965026732,-0.1961959728044967,0.8987638721004078,1.145222007454132,-1.323527792484255,-0.7946423659870495,1.4469034225734219,-1.1924197841744943,0.3368301350476331,-0.09728692567008902,2.05701497728682,0.6894039005707556,0.4727865797778022,-0.3685758940999591,0.549804599482075";
    static final String B_Y = "1,0,0,1,0,0,0,0,0,1,1,0,0,0,0,0,1,0,1,1,0,0,0,0,0,0,0,0,0,0,0,0,1,0,1,0,0,1,0,0,1,0,0,0,0,1,1,0,1,0,0,0,0,1,0,0,0,0,0,0";
    static final String B_S = "-0.0,1.0,-1.0,1.0,-1.0,-1.0,-1.0,1.0,-0.0,2.0,1.0,-1.0,-0.0,-1.0,0.0,-0.0,1.0,-1.0,-0.0,2.0,-1.0,-1.0,0.0,1.0,-1.0,-0.0,-1.0,-2.0,1.0,-0.0,0.0,-1.0,1.0,-1.0,1.0,-1.0,-1.0,2.0,-1.0,0.0,1.0,-0.0,-1.0,1.0,-0.0,1.0,1.0,1.0,1.0,0.0,-1.0,-1.0,1.0,2.0,-0.0,1.0,1.0,1.0,1.0,-0.0";

    @Test
    void matchesScikitLearnWithoutTies() {
        assertThat(RankingMetrics.rocAuc(d(A_S), i(A_Y))).isCloseTo(0.554945054945055, within(1e-12));
        assertThat(RankingMetrics.averagePrecision(d(A_S), i(A_Y))).isCloseTo(0.49410059301419285, within(1e-12));
    }

    @Test
    void matchesScikitLearnWithTies() {
        assertThat(RankingMetrics.rocAuc(d(B_S), i(B_Y))).isCloseTo(0.8733333333333333, within(1e-12));
        assertThat(RankingMetrics.averagePrecision(d(B_S), i(B_Y))).isCloseTo(0.6416666666666666, within(1e-12));
    }

    @RepeatedTest(20)
    void rocAucEqualsTheMannWhitneyCount(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
        int n = 50 + rnd.nextInt(200);
        double[] s = new double[n];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            y[k] = rnd.nextDouble() < 0.2 ? 1 : 0;
            s[k] = Math.floor(rnd.nextGaussian() * 3 + y[k]);   // many ties
        }
        y[0] = 1;
        y[1] = 0;
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                if (y[p] == 1 && y[q] == 0) {
                    pairs++;
                    wins += s[p] > s[q] ? 1 : s[p] == s[q] ? 0.5 : 0;
                }
            }
        }
        assertThat(RankingMetrics.rocAuc(s, y)).isCloseTo(wins / pairs, within(1e-12));
    }

    /**
     * ROC AUC and average precision by their definitions, from the positives and negatives at each
     * distinct score (both zeros one score), independently of the ranking's sort and walk.
     */
    private static double[] byDistinctScore(double[] scores, int[] labels) {
        TreeMap<Double, long[]> counts = new TreeMap<>();
        for (int k = 0; k < scores.length; k++) {
            counts.computeIfAbsent(scores[k] + 0.0, v -> new long[2])[labels[k]]++;
        }
        long pos = Arrays.stream(labels).asLongStream().sum();
        long neg = scores.length - pos;
        // Mann-Whitney U: each positive beats the negatives below its score and half of those tied with it
        double u = 0;
        long negativesBelow = 0;
        for (long[] c : counts.values()) {
            u += c[1] * (negativesBelow + 0.5 * c[0]);
            negativesBelow += c[0];
        }
        // the precision at each threshold, weighted by the recall that threshold adds
        double ap = 0;
        long tp = 0;
        long flagged = 0;
        for (long[] c : counts.descendingMap().values()) {
            tp += c[1];
            flagged += c[0] + c[1];
            ap += (double) c[1] / pos * ((double) tp / flagged);
        }
        return new double[] {u / ((double) pos * neg), ap};
    }

    @RepeatedTest(10)
    void theRankingsMetricsEqualTheirDefinitionsOnLargeInputs(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom rnd = new SplittableRandom(100 + info.getCurrentRepetition());
        int n = 2 + rnd.nextInt(300_000);
        double[] s = new double[n];
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            y[k] = rnd.nextDouble() < 0.05 ? 1 : 0;
            s[k] = switch (rnd.nextInt(4)) {
                case 0 -> 0.4 + 0.05 * rnd.nextGaussian();      // an isolation forest's scores
                case 1 -> Math.round(rnd.nextGaussian() * 4) / 8.0;   // ties
                case 2 -> rnd.nextBoolean() ? 0.0 : -0.0;       // both zeros: one score
                default -> rnd.nextDouble();
            };
        }
        y[0] = 1;
        y[1] = 0;
        RankingMetrics.Ranking ranking = RankingMetrics.rank(s);
        double[] expected = byDistinctScore(s, y);
        // U is a sum of halves, exact in a double either way: the AUC is equal bit for bit
        assertThat(ranking.rocAuc(y)).isEqualTo(expected[0]);
        assertThat(RankingMetrics.rocAuc(s, y, ranking.order())).isEqualTo(expected[0]);
        assertThat(ranking.averagePrecision(y)).isCloseTo(expected[1], within(1e-12));
        assertThat(RankingMetrics.averagePrecision(s, y, ranking.order())).isEqualTo(ranking.averagePrecision(y));
        for (int k = 1; k < n; k++) {
            assertThat(Long.compareUnsigned(ranking.keys()[k - 1], ranking.keys()[k])).isLessThanOrEqualTo(0);
            assertThat(ranking.keys()[k]).isEqualTo(RankingMetrics.descendingKey(s[ranking.order()[k]]));
        }
    }

    @Test
    void perfectAndReversedRankings() {
        double[] s = {0.1, 0.2, 0.9, 0.8};
        int[] y = {0, 0, 1, 1};
        assertThat(RankingMetrics.rocAuc(s, y)).isEqualTo(1.0);
        assertThat(RankingMetrics.averagePrecision(s, y)).isEqualTo(1.0);
        assertThat(RankingMetrics.precisionAtK(s, y, 2)).isEqualTo(1.0);
        double[] reversed = Arrays.stream(s).map(v -> -v).toArray();
        assertThat(RankingMetrics.rocAuc(reversed, y)).isEqualTo(0.0);
        assertThat(RankingMetrics.precisionAtK(reversed, y, 2)).isEqualTo(0.0);
    }

    @Test
    void oneClassGivesNaN() {
        assertThat(RankingMetrics.rocAuc(new double[] {1, 2}, new int[] {0, 0})).isNaN();
        assertThat(RankingMetrics.averagePrecision(new double[] {1, 2}, new int[] {0, 0})).isNaN();
    }

    @Test
    void descendingKeepsRowOrderForTiesAndPutsNaNLast() {
        int[] order = RankingMetrics.descending(new double[] {1, 3, Double.NaN, 3, 2});
        assertThat(order).containsExactly(1, 3, 4, 0, 2);
    }

    @Test
    void descendingIsTheStableSortByScoreOnEveryKindOfValue() {
        SplittableRandom random = new SplittableRandom(11);
        double[] special = {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};
        for (int n : new int[] {0, 1, 2, 3, 23, 24, 25, 1_000, 100_003}) {
            for (int kind = 0; kind < 4; kind++) {
                double[] s = new double[n];
                for (int r = 0; r < n; r++) {
                    s[r] = switch (kind) {
                        case 0 -> random.nextDouble();                                  // scores in [0, 1): shared top bytes
                        case 1 -> Math.floor(random.nextDouble() * 20) / 4 - 2;         // many ties, both signs, both zeros
                        case 2 -> special[random.nextInt(special.length)];
                        default -> Double.longBitsToDouble(random.nextLong());          // any bits (NaNs of every payload)
                    };
                }
                assertThat(RankingMetrics.descending(s)).as("n %d kind %d", n, kind).isEqualTo(mergeSorted(s));
            }
        }
    }

    /** The order as the stable merge sort of earlier releases made it: higher score first, NaN last, ties in row order. */
    private static int[] mergeSorted(double[] s) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> before(s, x, y) ? -1 : before(s, y, x) ? 1 : 0);   // TimSort: stable
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static boolean before(double[] s, int x, int y) {
        double a = s[x];
        double b = s[y];
        if (Double.isNaN(a)) {
            return false;
        }
        return Double.isNaN(b) || a > b;
    }

    @Test
    void confusionMetrics() {
        Confusion c = Confusion.of(new boolean[] {true, true, false, false, true}, new int[] {1, 0, 1, 0, 1});
        assertThat(c).isEqualTo(new Confusion(2, 1, 1, 1));
        assertThat(c.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(c.f1()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Confusion.of(new boolean[] {false}, new int[] {0}).precision()).isZero();
    }

    static double[] d(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static int[] i(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
