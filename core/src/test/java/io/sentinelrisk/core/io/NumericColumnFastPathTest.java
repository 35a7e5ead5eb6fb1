package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A numeric column parses fields that look like plain numbers straight from the bytes and every
 * other field (padded, quoted, missing, signed with +, with an exponent, not a number) the long
 * way: the values and the messages are those of the text as a whole.
 */
class NumericColumnFastPathTest {
    @TempDir
    Path dir;

    private static final CsvOptions NUMERIC = CsvOptions.DEFAULTS.withType("b", ColumnType.NUMERIC);

    @Test
    void everySpellingGivesTheValueOfItsText() {
        String[] cells = {"-1.64483", " 3.5", "4 ", "\"4.25\"", "\" -2 \"", "NA", "", "-0", "7.", ".5", "-.5", "1e3",
            "+4", "0012", "123456789012345678", "0.1", "-9.99999999999999", "\t8\t"};
        double[] expected = {-1.64483, 3.5, 4, 4.25, -2, Double.NaN, Double.NaN, -0.0, 7, 0.5, -0.5, 1000,
            4, 12, 123456789012345678.0, 0.1, -9.99999999999999, 8};
        StringBuilder sb = new StringBuilder("a,b\r\n");
        for (int i = 0; i < cells.length; i++) {
            sb.append(i).append(',').append(cells[i]).append("\r\n");
        }
        Path file = CsvFiles.write(dir, "spellings.csv", sb.toString());
        double[] read = ((Column.Numeric) CsvReader.readTable(file, NUMERIC).frame().column(1)).values();
        assertThat(read).hasSize(cells.length);
        for (int i = 0; i < cells.length; i++) {
            assertThat(Double.doubleToRawLongBits(read[i])).as(cells[i]).isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    @Test
    void whatLooksLikeANumberButIsNotIsTheSameLocatedError() {
        String[][] bad = {{"-", "is not a number"}, {"12-", "is not a number"}, {"1.2.3", "is not a number"},
            {"-5x", "is not a number"}, {"1e999", "is not a finite number"}, {"-1e999", "is not a finite number"},
            {"1,5", "is not a number"}};
        for (String[] b : bad) {
            String value = b[0].contains(",") ? "\"" + b[0] + "\"" : b[0];
            Path file = CsvFiles.write(dir, "bad.csv", "a,b\n1,2.5\n2," + value + "\n3,4\n");
            assertThatThrownBy(() -> CsvReader.readTable(file, NUMERIC)).as(b[0]).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(file + ":3:2: value \"" + b[0] + "\" in column 'b' " + b[1]);
        }
    }
}
