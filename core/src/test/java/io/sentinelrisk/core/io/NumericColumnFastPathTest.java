package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

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

    /**
     * Plain spellings of every length the in-loop path takes (1-15 digits, a minus, a point
     * anywhere) and just beyond it (16-17 digits, a trailing point, leading zeros), as a forced
     * numeric column and as an inferred one: each value is Double.parseDouble's, bit for bit.
     */
    @Test
    void plainSpellingsGiveDoubleParseDoublesValueForcedOrInferred() {
        Random random = new Random(13);
        int rows = 20_000;
        String[] cells = new String[rows];
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int r = 0; r < rows; r++) {
            int digits = 1 + random.nextInt(17);
            StringBuilder cell = new StringBuilder(random.nextInt(3) == 0 ? "-" : "");
            int point = random.nextInt(3) == 0 ? -1 : random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    cell.append('.');
                }
                cell.append((char) ('0' + random.nextInt(10)));
            }
            if (point == digits) {
                cell.append('.');
            }
            cells[r] = cell.toString();
            sb.append(r).append(',').append(cells[r]).append('\n');
        }
        Path file = CsvFiles.write(dir, "plain.csv", sb.toString());
        for (CsvOptions options : new CsvOptions[] {NUMERIC, CsvOptions.DEFAULTS}) {
            CsvTable table = CsvReader.readTable(file, options);
            assertThat(table.frame().schema().field(1).type()).isEqualTo(ColumnType.NUMERIC);
            double[] read = ((Column.Numeric) table.frame().column(1)).values();
            for (int r = 0; r < rows; r++) {
                assertThat(Double.doubleToRawLongBits(read[r])).as(cells[r])
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(cells[r])));
            }
        }
    }

    /** Runs of plain numbers broken by other fields: the counts that decide an inferred type see every row. */
    @Test
    void inferenceCountsThePlainRunsAndTheRowsBetweenThem() {
        Path zeroOne = CsvFiles.write(dir, "zo.csv", "a,b\n1,0\n2,1\n3,yes\n4,1\n5,no\n6,0\n");
        assertThat(CsvReader.readTable(zeroOne, CsvOptions.DEFAULTS).frame().schema().field(1).type())
                .isEqualTo(ColumnType.BOOLEAN);
        Path notZeroOne = CsvFiles.write(dir, "nzo.csv", "a,b\n1,0\n2,1\n3,yes\n4,2\n5,no\n6,0\n");
        assertThat(CsvReader.readTable(notZeroOne, CsvOptions.DEFAULTS).frame().schema().field(1).type())
                .isEqualTo(ColumnType.CATEGORICAL);
        StringBuilder mostly = new StringBuilder("a,b\n");
        for (int r = 0; r < 30; r++) {
            mostly.append(r).append(',').append(r == 17 ? "abc" : Integer.toString(r)).append('\n');
        }
        Path file = CsvFiles.write(dir, "mostly.csv", mostly.toString());
        assertThatThrownBy(() -> CsvReader.readTable(file, CsvOptions.DEFAULTS)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":19:2: value \"abc\" in column 'b' is not a number, but 96% of the column's values are");
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
