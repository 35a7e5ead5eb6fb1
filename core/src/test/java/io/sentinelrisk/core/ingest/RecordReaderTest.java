package io.sentinelrisk.core.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordReaderTest {
    private static final Schema SCHEMA = new Schema(List.of(
            new Field("id", ColumnType.CATEGORICAL, ColumnRole.ID),
            new Field("amount", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new Field("trusted", ColumnType.BOOLEAN, ColumnRole.FEATURE),
            new Field("at", ColumnType.TIMESTAMP, ColumnRole.FEATURE),
            new Field("label", ColumnType.NUMERIC, ColumnRole.LABEL)));

    @Test
    void recordsAreTheTreesJacksonsTreeReaderBuilds() throws Exception {
        String text = "{\"i\": 7, \"l\": 12345678901, \"big\": 123456789012345678901234567890, \"d\": 0.1, \"s\": \"42\","
                + " \"t\": true, \"f\": false, \"n\": null, \"a\": [1, [2.5], {\"k\": \"v\"}], \"o\": {\"x\": {}}}";
        // JsonNode equality is by node type too: an int node is not equal to a long node of the same value
        assertThat(RecordReader.parse(text, "r").get(0)).isEqualTo(new ObjectMapper().readTree(text));
    }

    @Test
    void linesOfJsonLinesAndArrays() {
        assertThat(RecordReader.parseWithLines("{\"a\":1}\n\n{\"a\":2}\n", "x").lines()).containsExactly(1, 3);
        assertThat(RecordReader.parseWithLines("[\n {\"a\":1},\n {\"a\":2}\n]", "x").lines()).containsExactly(2, 3);
    }

    @Test
    void unknownFieldsAreNamedOnceInOrderOfAppearance() {
        var parsed = RecordReader.parseWithLines("{\"amount\":1,\"zz\":2,\"label\":0}\n{\"amount\":1,\"aa\":1,\"zz\":3}", "x");
        assertThat(RecordReader.check(parsed, SCHEMA, "x", false)).containsExactly("zz", "aa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"idd\": 5}", "{\"id\": \"a\"}", "{\"amount\": null, \"at\": \"\"}"})
    void aRecordWithNoUsableFeatureIsRefusedUnlessAllowed(String record) {
        var parsed = RecordReader.parseWithLines("{\"amount\": 3}\n" + record, "in.jsonl");
        assertThatThrownBy(() -> RecordReader.check(parsed, SCHEMA, "in.jsonl", false))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("in.jsonl:2").hasMessageContaining("record 2")
                .hasMessageContaining("amount, trusted, at").hasMessageNotContaining("label");
        RecordReader.check(parsed, SCHEMA, "in.jsonl", true);
    }

    @Test
    void emptyTextIsMissingAndNumbersMayBeText() {
        var records = RecordReader.parse("{\"amount\": \"\", \"trusted\": \"\", \"at\": \"\", \"id\": \"\"}\n"
                + "{\"amount\": \" 42 \", \"trusted\": \"true\", \"at\": \"2024-01-01T00:00:00Z\", \"id\": 7}", "x");
        Frame f = RecordReader.toFrame(records, SCHEMA, "x");
        for (int c = 0; c < f.columnCount(); c++) {
            assertThat(f.column(c).isMissing(0)).as(f.schema().field(c).name()).isTrue();
            assertThat(f.column(c).isMissing(1)).as(f.schema().field(c).name()).isFalse();
        }
        assertThat(((Column.Numeric) f.column("amount")).values()[1]).isEqualTo(42.0);
        assertThat(((Column.Numeric) f.column("trusted")).values()[1]).isEqualTo(1.0);
    }

    @Test
    void aWrongValueIsShownCutInTheMessage() {
        var records = RecordReader.parse("{\"amount\": \"" + "x".repeat(100_000) + "\"}", "x");
        assertThatThrownBy(() -> RecordReader.toFrame(records, SCHEMA, "x"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("field 'amount'").hasMessageContaining("(100002 chars)")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }
}
