package io.sentinelrisk.core.ingest;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowReservoirTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new Field("c", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
            new Field("t", ColumnType.TIMESTAMP, ColumnRole.FEATURE)));

    /** Rows {@code from..to-1} of a made-up input: x = the row, c = a category, t = a time, label = row % 3 == 0. */
    private static Dataset block(int from, int to, List<String> dictionary) {
        int n = to - from;
        double[] x = new double[n];
        int[] codes = new int[n];
        long[] t = new long[n];
        int[] labels = new int[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            int row = from + i;
            x[i] = row;
            codes[i] = row % 11 == 0 ? -1 : row % dictionary.size();
            t[i] = 1_700_000_000_000L + row;
            labels[i] = row % 3 == 0 ? 1 : 0;
            lines[i] = row + 2;
        }
        Frame f = new Frame(SCHEMA, List.of(new Column.Numeric("x", x), new Column.Categorical("c", codes, dictionary),
                new Column.Timestamp("t", t)));
        return new Dataset("in.csv", f, labels, lines);
    }

    private static RowReservoir sample(int rows, int blockRows, int capacity, long seed) {
        RowReservoir r = new RowReservoir(capacity, seed);
        List<String> dictionary = List.of("a", "b", "c");
        for (int from = 0; from < rows; from += blockRows) {
            r.add(block(from, Math.min(rows, from + blockRows), dictionary));
        }
        return r;
    }

    @Test
    void fewerRowsThanTheCapacityAreKeptWholeInInputOrder() {
        RowReservoir r = sample(50, 7, 100, 1);
        assertThat(r.sampled()).isFalse();
        assertThat(r.rowsSeen()).isEqualTo(50);
        Dataset s = r.sample();
        assertThat(s.rows()).isEqualTo(50);
        double[] x = ((Column.Numeric) s.frame().column("x")).values();
        for (int i = 0; i < 50; i++) {
            assertThat(x[i]).isEqualTo(i);
            assertThat(s.lineNumbers()[i]).isEqualTo(i + 2);
            assertThat(s.labels()[i]).isEqualTo(i % 3 == 0 ? 1 : 0);
        }
    }

    @Test
    void theSampleDoesNotDependOnHowTheInputIsCutIntoBlocks() {
        long[] expected = sample(20_000, 20_000, 500, 42).rowIndexes();
        for (int blockRows : new int[] {1, 7, 499, 500, 501, 4096}) {
            RowReservoir r = sample(20_000, blockRows, 500, 42);
            assertThat(r.rowIndexes()).as("blocks of %d rows", blockRows).containsExactly(expected);
            Dataset s = r.sample();
            double[] x = ((Column.Numeric) s.frame().column("x")).values();
            long[] t = ((Column.Timestamp) s.frame().column("t")).epochMillis();
            for (int i = 0; i < expected.length; i++) {
                assertThat(x[i]).isEqualTo((double) expected[i]);   // each row's values travel with it
                assertThat(t[i]).isEqualTo(1_700_000_000_000L + expected[i]);
                assertThat(s.lineNumbers()[i]).isEqualTo(expected[i] + 2);
                assertThat(s.labels()[i]).isEqualTo(expected[i] % 3 == 0 ? 1 : 0);
            }
        }
        assertThat(expected).isSorted().doesNotHaveDuplicates();
        assertThat(sample(20_000, 333, 500, 43).rowIndexes()).isNotEqualTo(expected);   // the seed matters
    }

    @Test
    void theLogsRoomGrowsTheSameWayWhateverTheBlocks() {
        // a capacity above the first room (4,096 rows): the log grows from the first block's size, to the
        // capacity, or straight to its limit when a block fills the sample and runs past it
        long[] expected = sample(50_000, 50_000, 10_000, 7).rowIndexes();
        for (int blockRows : new int[] {1, 3_000, 4_096, 6_000, 9_999, 10_000, 10_001, 16_384}) {
            RowReservoir r = sample(50_000, blockRows, 10_000, 7);
            assertThat(r.rowIndexes()).as("blocks of %d rows", blockRows).containsExactly(expected);
            Dataset s = r.sample();
            double[] x = ((Column.Numeric) s.frame().column("x")).values();
            for (int i = 0; i < expected.length; i++) {
                assertThat(x[i]).isEqualTo((double) expected[i]);
                assertThat(s.lineNumbers()[i]).isEqualTo(expected[i] + 2);
            }
        }
        assertThat(expected).hasSize(10_000).isSorted().doesNotHaveDuplicates();
    }

    /**
     * Every row of the input is equally likely to be in the sample: over 4,000 seeds, how often
     * each of 1,000 rows was picked (10% each time) fits a binomial count per row (a chi-square
     * statistic of 1,000 degrees of freedom, within 5 standard deviations); the first, middle and
     * last tenth of the file each get a tenth of the picks.
     */
    @Test
    void everyRowIsEquallyLikelyToBeSampled() {
        int rows = 1_000;
        int capacity = 100;
        int seeds = 4_000;
        long[] picked = new long[rows];
        for (long seed = 0; seed < seeds; seed++) {
            for (long i : sample(rows, 64, capacity, seed).rowIndexes()) {
                picked[(int) i]++;
            }
        }
        double p = (double) capacity / rows;
        double expected = seeds * p;
        double chi2 = 0;
        for (long c : picked) {
            chi2 += (c - expected) * (c - expected) / (expected * (1 - p));
        }
        assertThat(chi2).isBetween(rows - 5 * Math.sqrt(2.0 * rows), rows + 5 * Math.sqrt(2.0 * rows));
        for (int tenth : new int[] {0, 5, 9}) {
            long n = 0;
            for (int i = tenth * 100; i < tenth * 100 + 100; i++) {
                n += picked[i];
            }
            double share = n / (double) (seeds * capacity);
            assertThat(share).as("tenth %d", tenth).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.003));
        }
    }

    @Test
    void aCategoryFirstSeenInALateBlockIsInTheSamplesDictionary() {
        RowReservoir r = new RowReservoir(1_000, 7);
        r.add(block(0, 5_000, List.of("a", "b")));
        // a later block whose dictionary is its own: the same values under other codes, and a new one
        r.add(block(5_000, 10_000, List.of("b", "late", "a")));
        Dataset s = r.sample();
        Column.Categorical c = (Column.Categorical) s.frame().column("c");
        assertThat(c.dictionary()).containsExactlyInAnyOrder("a", "b", "late");
        double[] x = ((Column.Numeric) s.frame().column("x")).values();
        for (int i = 0; i < s.rows(); i++) {
            int row = (int) x[i];
            List<String> dict = row < 5_000 ? List.of("a", "b") : List.of("b", "late", "a");
            String want = row % 11 == 0 ? "" : dict.get(row % dict.size());
            assertThat(c.text(i)).as("row %d", row).isEqualTo(want);
        }
        // codes in order of first appearance in the sample, as a reader of those rows would give them
        List<String> firstSeen = new ArrayList<>();
        for (int i = 0; i < s.rows(); i++) {
            if (!c.isMissing(i) && !firstSeen.contains(c.text(i))) {
                firstSeen.add(c.text(i));
            }
        }
        assertThat(c.dictionary()).containsExactlyElementsOf(firstSeen);
    }

    @Test
    void theSampleHoldsTheCapacityAndCountsEveryRow() {
        RowReservoir r = sample(123_457, 4_096, 1_000, 3);
        assertThat(r.sampled()).isTrue();
        assertThat(r.size()).isEqualTo(1_000);
        assertThat(r.rowsSeen()).isEqualTo(123_457);
        assertThat(r.sample().rows()).isEqualTo(1_000);
        assertThat(java.util.Arrays.stream(r.rowIndexes()).boxed().toList()).allMatch(i -> i >= 0 && i < 123_457).doesNotHaveDuplicates();
    }
    /**
     * The positions Algorithm L keeps, by the textbook form: a row entering the full sample
     * overwrites a random slot, and the slots are sorted by position at the end. The reservoir
     * keeps its rows in a log instead; it must draw the same random numbers and keep the same rows.
     */
    private static long[] referencePositions(long rows, int capacity, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        long[] slots = new long[(int) Math.min(capacity, rows)];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = i;
        }
        if (rows > capacity) {
            double w = Math.exp(Math.log(1.0 - random.nextDouble()) / capacity);
            long next = capacity + skip(random, w);
            while (next < rows) {
                slots[random.nextInt(capacity)] = next;
                w *= Math.exp(Math.log(1.0 - random.nextDouble()) / capacity);
                next += 1 + skip(random, w);
            }
        }
        java.util.Arrays.sort(slots);
        return slots;
    }

    private static long skip(java.util.SplittableRandom random, double w) {
        double s = Math.floor(Math.log(1.0 - random.nextDouble()) / Math.log1p(-w));
        return s >= Long.MAX_VALUE / 2 || Double.isNaN(s) ? Long.MAX_VALUE / 2 : (long) s;
    }

    @Test
    void theLogKeepsTheRowsTheSlotsOfAlgorithmLKeep() {
        // capacities of one to a few (the log's limit is then 2 to 4 rows: compacted very often),
        // beyond the first array size (4,096: the log grows while filling and after), and inputs of
        // up to 600 capacities (many compactions)
        int[][] cases = {{1, 500, 7}, {2, 1_000, 3}, {3, 10_000, 64}, {10, 10, 3}, {10, 11, 1}, {100, 60_000, 1_000},
            {5_000, 5_000, 4_096}, {5_000, 5_001, 777}, {5_000, 40_000, 4_096}, {9_000, 200_000, 10_000}};
        for (int[] c : cases) {
            int capacity = c[0];
            int rows = c[1];
            for (long seed = 1; seed <= 3; seed++) {
                RowReservoir r = sample(rows, c[2], capacity, seed);
                long[] want = referencePositions(rows, capacity, seed);
                assertThat(r.rowIndexes()).as("capacity %d, rows %d, seed %d", capacity, rows, seed).containsExactly(want);
                Dataset s = r.sample();
                double[] x = ((Column.Numeric) s.frame().column("x")).values();
                long[] t = ((Column.Timestamp) s.frame().column("t")).epochMillis();
                Column.Categorical cat = (Column.Categorical) s.frame().column("c");
                for (int i = 0; i < want.length; i++) {
                    int row = (int) want[i];
                    assertThat(x[i]).isEqualTo(row);
                    assertThat(t[i]).isEqualTo(1_700_000_000_000L + row);
                    assertThat(cat.text(i)).isEqualTo(row % 11 == 0 ? "" : List.of("a", "b", "c").get(row % 3));
                    assertThat(s.labels()[i]).isEqualTo(row % 3 == 0 ? 1 : 0);
                    assertThat(s.lineNumbers()[i]).isEqualTo(row + 2);
                }
                // asking twice gives the same sample (reading it out changes nothing)
                assertThat(r.rowIndexes()).containsExactly(want);
            }
        }
    }

    @Test
    void rowsAddedAfterTheSampleWasReadOutStillCount() {
        RowReservoir r = new RowReservoir(300, 9);
        List<String> dictionary = List.of("a", "b", "c");
        for (int from = 0; from < 20_000; from += 1_000) {
            r.add(block(from, from + 1_000, dictionary));
            assertThat(r.rowIndexes()).containsExactly(referencePositions(from + 1_000, 300, 9));
        }
    }
}
