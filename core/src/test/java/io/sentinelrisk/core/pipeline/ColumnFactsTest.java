package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.ingest.RowReservoir;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The column rules on a sample: constant and row-number columns judged on every row, not on the sample. */
class ColumnFactsTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("row", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new Field("rare", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new Field("same", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
            new Field("flag", ColumnType.BOOLEAN, ColumnRole.FEATURE),
            new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE)));

    private static Frame block(int from, int to) {
        int n = to - from;
        double[] row = new double[n];
        double[] rare = new double[n];
        int[] same = new int[n];
        double[] flag = new double[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            int r = from + i;
            row[i] = 1000 + (r * 7919L) % 50_000;   // every value of 1000..50999 once, shuffled
            rare[i] = r == 31_337 ? 5 : 1;          // one other value in 50,000 rows
            same[i] = r % 5 == 0 ? -1 : 0;
            flag[i] = 1;
            x[i] = Math.sin(r);
        }
        return new Frame(SCHEMA, List.of(new Column.Numeric("row", row), new Column.Numeric("rare", rare),
                new Column.Categorical("same", same, List.of("eu")), new Column.Numeric("flag", flag), new Column.Numeric("x", x)));
    }

    @Test
    void constantAndRowNumberColumnsAreJudgedOnEveryRow() {
        ColumnFacts facts = new ColumnFacts();
        RowReservoir reservoir = new RowReservoir(2_000, 5);
        for (int from = 0; from < 50_000; from += 4_096) {
            Frame f = block(from, Math.min(50_000, from + 4_096));
            facts.add(f);
            reservoir.add(new Dataset("in.csv", f, null, new long[f.rows()]));
        }
        assertThat(facts.rows()).isEqualTo(50_000);
        assertThat(facts.constantValue("rare")).isNull();
        assertThat(facts.constantValue("same")).isEqualTo("eu");
        assertThat(facts.constantValue("flag")).isEqualTo("true");
        assertThat(facts.constantValue("x")).isNull();
        assertThat(facts.integerRun("row")).isTrue();
        assertThat(facts.integerRun("rare")).isFalse();

        Frame sample = reservoir.sample().frame();
        ColumnRoles.Resolved onSample = ColumnRoles.forTraining(sample, SentinelConfig.defaults(), null, facts);
        assertThat(onSample.excludedForReport()).extracting(m -> m.get("column") + ":" + m.get("role"))
                .containsExactly("row:id", "same:ignore", "flag:ignore");   // 'rare' stays: it varies in the file
        // the sample alone would get both wrong: its row numbers are no run, and 'rare' is constant in it
        ColumnRoles.Resolved alone = ColumnRoles.forTraining(sample, SentinelConfig.defaults(), null);
        assertThat(alone.excludedForReport()).extracting(m -> m.get("column") + ":" + m.get("role"))
                .containsExactly("rare:ignore", "same:ignore", "flag:ignore");
    }

    @Test
    void isIntegerAgreesWithRint() {
        double[] edges = {0.0, -0.0, 0.5, -0.5, 1, -1, 1.5, 0x1p52, -0x1p52, 0x1p52 - 0.5, -0x1p52 + 0.5, 0x1p53 + 2,
            0x1p63, -0x1p63, 0x1p64, 1e300, -1e300, Long.MAX_VALUE, Long.MIN_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 4503599627370495.5,
            Math.nextUp(1.0), Math.nextDown(1.0), 1e15 + 0.25, -123456789012.0};
        for (double x : edges) {
            assertThat(ColumnFacts.isInteger(x)).as("%s", x).isEqualTo(x == Math.rint(x));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            double y = random.nextInt(-1000, 1000) + (random.nextBoolean() ? 0 : random.nextDouble());
            assertThat(ColumnFacts.isInteger(x)).as("%s", x).isEqualTo(x == Math.rint(x));
            assertThat(ColumnFacts.isInteger(y)).as("%s", y).isEqualTo(y == Math.rint(y));
        }
    }

    /** integerRun and constantValue as the rule reads them, computed over the whole data at once. */
    @Test
    void integerRunAndConstantEqualTheWholeDataRule() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] odd = {{Double.NaN}, {-0.0}, {0.5}, {Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY}, {0x1p60}};
        for (int trial = 0; trial < 400; trial++) {
            int n = 3 + random.nextInt(300);
            double[] v = new double[n];
            int kind = random.nextInt(4);
            for (int r = 0; r < n; r++) {
                v[r] = switch (kind) {
                    case 0 -> r + 7;                             // a run
                    case 1 -> random.nextInt(3);                 // few integers
                    case 2 -> 5;                                  // constant
                    default -> (long) (r * 7919L % n) - n / 2;    // a shuffled run through zero
                };
            }
            if (random.nextInt(3) == 0) {   // one odd value somewhere
                double[] o = odd[random.nextInt(odd.length)];
                v[random.nextInt(n)] = o[0];
            }
            if (random.nextInt(4) == 0) {
                v[random.nextInt(n)] = -0.0;
            }
            ColumnFacts facts = new ColumnFacts();
            Schema schema = new Schema(List.of(new Field("v", ColumnType.NUMERIC, ColumnRole.FEATURE)));
            for (int from = 0; from < n; ) {
                int to = Math.min(n, from + 1 + random.nextInt(40));
                facts.add(new Frame(schema, List.of(new Column.Numeric("v", java.util.Arrays.copyOfRange(v, from, to)))));
                from = to;
            }
            boolean integers = true;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            Double first = null;
            boolean varies = false;
            for (double x : v) {
                if (Double.isNaN(x)) {
                    integers = false;
                    continue;
                }
                integers &= x == Math.rint(x);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                if (first == null) {
                    first = x;
                } else if (x != first) {
                    varies = true;
                }
            }
            boolean run = integers && hi - lo == n - 1;
            assertThat(facts.integerRun("v")).as("trial %d %s", trial, java.util.Arrays.toString(v)).isEqualTo(run);
            assertThat(facts.constantValue("v") == null).as("trial %d", trial).isEqualTo(varies);
        }
    }
}
