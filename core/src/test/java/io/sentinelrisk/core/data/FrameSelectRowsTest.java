package io.sentinelrisk.core.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Frame#selectRows}: the rows asked for, in that order, for every kind of column. */
class FrameSelectRowsTest {
    private static final Schema SCHEMA = new Schema(List.of(new Field("x", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new Field("c", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
            new Field("t", ColumnType.TIMESTAMP, ColumnRole.FEATURE)));

    private static final Frame FRAME = new Frame(SCHEMA, List.of(
            new Column.Numeric("x", new double[] {1.5, Double.NaN, -3, 4}),
            new Column.Categorical("c", new int[] {0, 1, -1, 0}, List.of("eu", "us")),
            new Column.Timestamp("t", new long[] {10, 20, 30, 40})));

    @Test
    void everyKindOfColumnKeepsTheRowsAskedForInOrder() {
        Frame picked = FRAME.selectRows(new int[] {3, 1, 1, 0});
        assertThat(picked.schema()).isEqualTo(SCHEMA);
        assertThat(((Column.Numeric) picked.column(0)).values()).containsExactly(4, Double.NaN, Double.NaN, 1.5);
        Column.Categorical c = (Column.Categorical) picked.column(1);
        assertThat(c.codes()).containsExactly(0, 1, 1, 0);
        assertThat(c.dictionary()).isSameAs(((Column.Categorical) FRAME.column(1)).dictionary());
        assertThat(((Column.Timestamp) picked.column(2)).epochMillis()).containsExactly(40, 20, 20, 10);
    }

    @Test
    void noRowsKeepsTheColumns() {
        Frame none = FRAME.selectRows(new int[0]);
        assertThat(none.rows()).isZero();
        assertThat(none.columnCount()).isEqualTo(3);
        assertThat(none.column(1)).isInstanceOf(Column.Categorical.class);
        assertThat(none.column(2)).isInstanceOf(Column.Timestamp.class);
    }
}
