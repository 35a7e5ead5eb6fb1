package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.ColumnType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvOptionsTest {
    @Test
    void delimiterNamesAndCharacters() {
        assertThat(CsvOptions.parseDelimiter(",")).isEqualTo(',');
        assertThat(CsvOptions.parseDelimiter(";")).isEqualTo(';');
        assertThat(CsvOptions.parseDelimiter("\t")).isEqualTo('\t');
        assertThat(CsvOptions.parseDelimiter("\\t")).isEqualTo('\t');
        assertThat(CsvOptions.parseDelimiter("tab")).isEqualTo('\t');
        assertThat(CsvOptions.parseDelimiter("TAB")).isEqualTo('\t');
        assertThat(CsvOptions.parseDelimiter("|")).isEqualTo('|');
        assertThat(CsvOptions.parseDelimiter("pipe")).isEqualTo('|');
        assertThat(CsvOptions.parseDelimiter("comma")).isEqualTo(',');
        assertThat(CsvOptions.parseDelimiter("semicolon")).isEqualTo(';');
        assertThat(CsvOptions.parseDelimiter(":")).isEqualTo(':');
        assertThat(CsvOptions.parseDelimiter(" ")).isEqualTo(' ');
        assertThat(CsvOptions.parseDelimiter("auto")).isNull();
        assertThat(CsvOptions.parseDelimiter("")).isNull();
        assertThat(CsvOptions.parseDelimiter(null)).isNull();
    }

    @Test
    void schemaTypeWinsOverDeclaredType() {
        CsvOptions o = CsvOptions.DEFAULTS.withTypes(Map.of("a", ColumnType.NUMERIC, "b", ColumnType.CATEGORICAL))
            .withExpected(new io.sentinelrisk.core.data.Schema(java.util.List.of(new io.sentinelrisk.core.data.Field(
                "a", ColumnType.TIMESTAMP, io.sentinelrisk.core.data.ColumnRole.FEATURE))));
        assertThat(o.forcedType("a")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(o.forcedType("b")).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(o.forcedType("c")).isNull();
    }
}
