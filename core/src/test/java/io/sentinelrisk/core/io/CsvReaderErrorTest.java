package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every user mistake is an InputException with a one-line message naming the place. */
class CsvReaderErrorTest {
    @TempDir
    Path dir;

    private InputException fail(Path p, CsvOptions options) {
        InputException e = catchThrowableOfType(InputException.class, () -> CsvReader.read(p, options));
        assertThat(e).as("expected an InputException").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        assertThat(e.exitCode()).isEqualTo(2);
        return e;
    }

    private InputException fail(String content) {
        return fail(CsvFiles.write(dir, "data.csv", content), CsvOptions.DEFAULTS);
    }

    private InputException fail(byte[] content) {
        return fail(CsvFiles.write(dir, "data.csv", content), CsvOptions.DEFAULTS);
    }

    private String file() {
        return dir.resolve("data.csv").toString();
    }

    private static void at(InputException e, long line, int column) {
        assertThat(e.location()).isNotNull();
        assertThat(e.location().line()).as("line").isEqualTo(line);
        assertThat(e.location().column()).as("column").isEqualTo(column);
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        InputException e = fail(p, CsvOptions.DEFAULTS);
        assertThat(e.location()).isEqualTo(InputLocation.file(p.toString()));
        assertThat(e.getMessage()).isEqualTo(p + ": file not found; expected a CSV file with a header row and data rows");
    }

    @Test
    void directory() {
        InputException e = fail(dir, CsvOptions.DEFAULTS);
        assertThat(e.getMessage()).isEqualTo(dir + ": is a directory; expected a CSV file with a header row and data rows");
    }

    @Test
    void emptyFileAndBlankFile() {
        assertThat(fail("").getMessage()).isEqualTo(file() + ": the file is empty; expected a CSV file with a header row and data rows");
        assertThat(fail(" \r\n\n").getMessage()).contains("the file is empty");
        assertThat(fail(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).getMessage()).contains("the file is empty");
    }

    @Test
    void headerOnly() {
        InputException e = fail("a,b,c\n\n");
        assertThat(e.getMessage()).isEqualTo(file() + ": has a header but no data rows; expected at least one row of values after the header");
    }

    @Test
    void raggedRowWithTooManyAndTooFewFields() {
        InputException more = fail("a,b,c\n1,2,3\n4,5,6,7\n");
        at(more, 3, 0);
        assertThat(more.getMessage()).isEqualTo(file() + ":3: line 3 has 4 fields, the header has 3; quote values that contain the delimiter (comma)");
        InputException fewer = fail("a,b,c\n1,2,3\n\"multi\nline\",2,3\n4,5\n");
        at(fewer, 5, 0);
        assertThat(fewer.getMessage()).isEqualTo(file() + ":5: line 5 has 2 fields, the header has 3");
    }

    @Test
    void duplicateColumnNamesNameBothPositions() {
        InputException e = fail("id,amount,x,amount\n1,2,3,4\n");
        at(e, 1, 4);
        assertThat(e.getMessage()).isEqualTo(file() + ":1:4: duplicate column name \"amount\" at columns 2 and 4; column names must be unique");
    }

    @Test
    void blankHeaderName() {
        InputException e = fail("a,  ,c\n1,2,3\n");
        at(e, 1, 2);
        assertThat(e.getMessage()).isEqualTo(file() + ":1:2: column 2 has a blank name in the header; every column needs a name");
        at(fail("a,b,\n1,2,3\n"), 1, 3);
    }

    @Test
    void invalidUtf8NamesLineAndColumn() {
        byte[] content = CsvFiles.concat("a,b\nok,fine\nx,caf".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xE9}, "\n".getBytes(StandardCharsets.UTF_8));
        InputException e = fail(content);
        at(e, 3, 2);
        assertThat(e.getMessage()).isEqualTo(file() + ":3:2: invalid UTF-8 (byte 0xE9) in field 2; the file must be UTF-8: re-save it as UTF-8");
        // inside a quoted field, after a line break in it
        byte[] quoted = CsvFiles.concat("a,b\n1,\"x\ny".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC0, (byte) 0x80},
            "\"\n".getBytes(StandardCharsets.UTF_8));
        at(fail(quoted), 3, 2);
    }

    @Test
    void utf16IsNamed() {
        InputException e = fail(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0, '\n', 0});
        assertThat(e.getMessage()).isEqualTo(file() + ": the file is UTF-16; save it as UTF-8");
    }

    @Test
    void strayTextInAMostlyNumericColumn() {
        StringBuilder sb = new StringBuilder("id,amount\n");
        for (int i = 1; i <= 20; i++) {
            sb.append(i).append(',').append(i == 12 ? "12.5x" : String.valueOf(i * 1.5)).append('\n');
        }
        InputException e = fail(sb.toString());
        at(e, 13, 2);
        assertThat(e.getMessage()).isEqualTo(file() + ":13:2: value \"12.5x\" in column 'amount' is not a number, but 95% of the column's"
            + " values are; fix the value (leave the field empty if it is missing) or declare 'amount' categorical in the config");
        // declaring it categorical is the documented way out
        assertThat(CsvReader.read(dir.resolve("data.csv"), CsvOptions.DEFAULTS.withType("amount", ColumnType.CATEGORICAL)).rows())
            .isEqualTo(20);
    }

    @Test
    void columnNamesWithLineBreaksStayOnOneLineInMessages() {
        InputException e = fail("\"multi\nline\",b\n1,x\n2,y\n3,z\n4,w\n5,v\n6,u\n7,t\n8,s\n9,r\nten,q\n");
        at(e, 12, 1);
        assertThat(e.getMessage()).contains("in column 'multi\\nline' is not a number").contains("declare 'multi\\nline' categorical");
    }

    @Test
    void decimalCommaGetsAHint() {
        InputException e = fail("a;b\n1;2\n3;4\n5;6\n7;8\n9;10\n11;12\n13;14\n15;16\n17;18\n19;2,5\n");
        at(e, 11, 2);
        assertThat(e.getMessage()).endsWith("declare 'b' categorical in the config (write decimals with a point: '.')");
    }

    @Test
    void strayTextInADeclaredNumericColumnAndInTheTrainedSchema() {
        Path p = CsvFiles.write(dir, "data.csv", "a,b\n1,x\n");
        InputException e = fail(p, CsvOptions.DEFAULTS.withType("b", ColumnType.NUMERIC));
        at(e, 2, 2);
        assertThat(e.getMessage()).isEqualTo(file() + ":2:2: value \"x\" in column 'b' is not a number; the config declares 'b' numeric"
            + " (leave the field empty for a missing value)");
        io.sentinelrisk.core.data.Schema trained = new io.sentinelrisk.core.data.Schema(java.util.List.of(
            new io.sentinelrisk.core.data.Field("b", ColumnType.BOOLEAN, io.sentinelrisk.core.data.ColumnRole.FEATURE)));
        InputException s = fail(p, CsvOptions.DEFAULTS.withExpected(trained));
        assertThat(s.getMessage()).isEqualTo(file() + ":2:2: value \"x\" in column 'b' is not a boolean (true/false, yes/no or 1/0);"
            + " the model was trained with 'b' as boolean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "NaN", "inf", "-Inf", "+INF", "infinity", "-Infinity", "1e999"})
    void nonFiniteNumbersAreRejected(String word) {
        InputException e = fail("a,b\n1,2\n2," + word + "\n3,4\n");
        at(e, 3, 2);
        assertThat(e.getMessage()).isEqualTo(file() + ":3:2: value \"" + word + "\" in column 'b' is not a finite number;"
            + " leave the field empty for a missing value");
        InputException declared = fail(CsvFiles.write(dir, "data.csv", "a,b\n1,2\n2," + word + "\n"),
            CsvOptions.DEFAULTS.withType("b", ColumnType.NUMERIC));
        at(declared, 3, 2);
        assertThat(declared.getMessage()).contains("not a finite number");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereItStarted() {
        InputException e = fail("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
        at(e, 3, 2);
        assertThat(e.getMessage()).isEqualTo(file() + ":3:2: the quoted field that starts here is never closed;"
            + " add the closing quote (\") or double quotes inside it (\"\")");
    }

    @Test
    void textAfterAClosingQuote() {
        InputException e = fail("a,b\n1,\"x\"y\n");
        at(e, 2, 2);
        assertThat(e.getMessage()).startsWith(file() + ":2:2: unexpected \"y\" after the closing quote of field 2");
    }

    @Test
    void errorsInSeveralColumnsReportTheEarliest() {
        InputException e = fail("a,b,c\n1,2,3\n4,5,inf\n7,nan,9\n");
        at(e, 3, 3);
    }

    @Test
    void strayValueInAMostlyTimestampColumn() {
        StringBuilder sb = new StringBuilder("t\n");
        for (int i = 1; i <= 10; i++) {
            sb.append(i == 4 ? "2024-02-30" : "2024-02-0" + (i % 9 + 1)).append('\n');
        }
        InputException e = fail(sb.toString());
        at(e, 5, 1);
        assertThat(e.getMessage()).contains("value \"2024-02-30\" in column 't' is not a timestamp, but 90% of the column's values are");
    }

    @Test
    void corruptGzip() throws Exception {
        Path p = CsvFiles.gzip(dir, "data.csv.gz", "a,b\n1,2\n".repeat(100));
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InputException e = fail(p, CsvOptions.DEFAULTS);
        assertThat(e.getMessage()).isEqualTo(p + ": the file starts like gzip but cannot be decompressed (it ends too early); check that it is a complete .gz file");
    }

    @Test
    void badDelimiterText() {
        for (String bad : new String[] {"ab", "\"", "\n", "é"}) {
            InputException e = catchThrowableOfType(InputException.class, () -> CsvOptions.parseDelimiter(bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getMessage()).startsWith("delimiter ").contains("is not valid").doesNotContain("\n");
        }
        InputException where = catchThrowableOfType(InputException.class,
            () -> CsvOptions.parseDelimiter("comma-ish", new InputLocation("config.yaml", 4, 14)));
        assertThat(where.getMessage()).startsWith("config.yaml:4:14: delimiter \"comma-ish\" is not valid");
    }
}
