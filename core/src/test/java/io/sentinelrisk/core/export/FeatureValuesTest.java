package io.sentinelrisk.core.export;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureValuesTest {
    /** Feature, id, ignored and label columns of every type, with missing values in row 1. */
    private static Frame frame() {
        Schema schema = new Schema(List.of(
                new Field("bytes", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("user", ColumnType.CATEGORICAL, ColumnRole.ID),
                new Field("note", ColumnType.CATEGORICAL, ColumnRole.IGNORE),
                new Field("vpn", ColumnType.BOOLEAN, ColumnRole.FEATURE),
                new Field("label", ColumnType.NUMERIC, ColumnRole.LABEL),
                new Field("ratio", ColumnType.NUMERIC, ColumnRole.FEATURE)));
        return new Frame(schema, List.of(
                new Column.Numeric("bytes", new double[] {9000000, Double.NaN}),
                new Column.Categorical("user", new int[] {0, -1}, List.of("u1")),
                new Column.Categorical("note", new int[] {0, 0}, List.of("x")),
                new Column.Numeric("vpn", new double[] {1, Double.NaN}),
                new Column.Numeric("label", new double[] {1, 0}),
                new Column.Numeric("ratio", new double[] {0.25, 3})));
    }

    /** What the row's features were as an ordered map, written out by hand. */
    private static Map<String, Object> expected(int row) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bytes", row == 0 ? 9000000L : null);
        m.put("user", row == 0 ? "u1" : null);
        m.put("vpn", row == 0 ? Boolean.TRUE : null);
        m.put("ratio", row == 0 ? (Object) 0.25 : (Object) 3L);
        return m;
    }

    @Test
    void aRowsValuesAreTheOrderedMapOfItsFeatureAndIdColumns() {
        Frame frame = frame();
        for (int row = 0; row < 2; row++) {
            Map<String, Object> values = RecordValues.FeatureColumns.of(frame).values(row);
            Map<String, Object> expected = expected(row);
            assertThat(values).isEqualTo(expected).hasSameHashCodeAs(expected);
            assertThat(values.toString()).isEqualTo(expected.toString());
            assertThat(List.copyOf(values.keySet())).containsExactly("bytes", "user", "vpn", "ratio");
            assertThat(RecordValues.features(frame, row)).isEqualTo(expected);
        }
        Map<String, Object> missing = RecordValues.features(frame, 1);
        assertThat(missing.containsKey("bytes")).isTrue();
        assertThat(missing.get("bytes")).isNull();
        assertThat(missing.containsKey("note")).isFalse();
        assertThat(missing.containsKey("label")).isFalse();
    }

    @Test
    void theValuesCannotBeChanged() {
        Map<String, Object> values = RecordValues.features(frame(), 0);
        assertThatThrownBy(() -> values.put("bytes", 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.entrySet().iterator().next().setValue(1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> values.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anAlertKeepsTheValuesAndWritesThemAsTheOrderedMap() {
        Map<String, Object> values = RecordValues.features(frame(), 0);
        ScoredRecord scored = new ScoredRecord(0.8, 99.9, Severity.HIGH, true, List.of());
        AlertOrigin origin = new AlertOrigin("0123456789abcdef", "in.csv", 0, null, "u1", "u1", null, null);
        Alert kept = Alert.of(scored, origin, values);
        Alert copied = Alert.of(scored, origin, expected(0));
        assertThat(kept.features()).isSameAs(values);
        assertThat(kept).isEqualTo(copied);
        assertThat(Json.line(kept)).isEqualTo(Json.line(copied)).contains("\"features\":{\"bytes\":9000000,\"user\":\"u1\",\"vpn\":true,\"ratio\":0.25}");
    }
}
