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
}
