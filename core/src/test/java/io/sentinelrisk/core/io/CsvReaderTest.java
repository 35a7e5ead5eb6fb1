package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Frame read(String content) {
        return CsvReader.read(CsvFiles.write(dir, "data.csv", content), CsvOptions.DEFAULTS);
    }

    private static double[] numbers(Frame f, String column) {
        return ((Column.Numeric) f.column(column)).values();
    }

    private static List<String> texts(Frame f, String column) {
        Column c = f.column(column);
        return java.util.stream.IntStream.range(0, c.size()).mapToObj(c::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void everyDelimiterIsDetectedAndGivenExplicitly(String d) {
        String content = "id" + d + "amount" + d + "city\n1" + d + "2.5" + d + "Paris\n2" + d + "-3" + d + "Rome\n";
        Path p = CsvFiles.write(dir, "d.csv", content);
        for (CsvOptions o : List.of(CsvOptions.DEFAULTS, CsvOptions.DEFAULTS.withDelimiter(d.charAt(0)))) {
            CsvTable t = CsvReader.readTable(p, o);
            assertThat(t.delimiter()).isEqualTo(d.charAt(0));
            Frame f = t.frame();
            assertThat(f.schema().names()).containsExactly("id", "amount", "city");
            assertThat(numbers(f, "amount")).containsExactly(2.5, -3.0);
            assertThat(texts(f, "city")).containsExactly("Paris", "Rome");
        }
    }

    @Test
    void autoDetectIgnoresDelimitersInsideQuotesAndPrefersTheConsistentOne() {
        // commas appear in the text, but only the semicolon splits every line the same way
        Frame f = read("name;amount\n\"Smith, John\";1,5\nDoe;2\n");
        assertThat(f.schema().names()).containsExactly("name", "amount");
        assertThat(texts(f, "name")).containsExactly("Smith, John", "Doe");
    }

    @Test
    void aFileWithoutAnyCandidateDelimiterIsOneColumn() {
        Frame f = read("value\n1\n2\n3\n");
        assertThat(f.columnCount()).isEqualTo(1);
        assertThat(numbers(f, "value")).containsExactly(1, 2, 3);
    }

    @Test
    void anyAsciiCharacterCanBeTheDelimiter() {
        Frame f = CsvReader.read(CsvFiles.write(dir, "c.txt", "a:b\n1:x\n"), CsvOptions.DEFAULTS.withDelimiter(':'));
        assertThat(f.schema().names()).containsExactly("a", "b");
        assertThat(texts(f, "b")).containsExactly("x");
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndLineBreaks() {
        Frame f = read("id,text,n\n"
            + "1,\"a, b\",1\n"
            + "2,\"say \"\"hi\"\"\",2\n"
            + "3,\"two\nlines\",3\n"
            + "4,\"crlf\r\ninside\",4\n"
            + "5,\"\",5\n"
            + "6,  \"padded\"  ,6\n"
            + "7,un\"quoted,7\n"
            + "8,\"\"\"\",8\n");
        assertThat(texts(f, "text")).containsExactly(
            "a, b", "say \"hi\"", "two\nlines", "crlf\r\ninside", "", "padded", "un\"quoted", "\"");
        assertThat(f.column("text").isMissing(4)).isTrue();
        assertThat(numbers(f, "n")).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void quotedNumbersAreNumbersAndQuotedHeaderNamesAreNames() {
        Frame f = read("\"a,1\",\"b\"\n\"1.5\",\" 2 \"\n");
        assertThat(f.schema().names()).containsExactly("a,1", "b");
        assertThat(numbers(f, "a,1")).containsExactly(1.5);
        assertThat(numbers(f, "b")).containsExactly(2.0);
    }

    @Test
    void crlfLfAndCrLineEndsAndATrailingDelimiterFieldAreRead() {
        Frame crlf = read("a,b\r\n1,x\r\n2,y\r\n");
        Frame cr = read("a,b\r1,x\r2,y");
        Frame lf = read("a,b\n1,x\n2,y");
        for (Frame f : List.of(crlf, cr, lf)) {
            assertThat(numbers(f, "a")).containsExactly(1, 2);
            assertThat(texts(f, "b")).containsExactly("x", "y");
        }
        Frame trailing = read("a,b,c\n1,2,\n");
        assertThat(trailing.column("c").isMissing(0)).isTrue();
    }

    @Test
    void byteOrderMarkIsStripped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path p = CsvFiles.write(dir, "bom.csv", CsvFiles.concat(bom, "amount,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        Frame f = CsvReader.read(p);
        assertThat(f.schema().names()).containsExactly("amount", "b");
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesWhateverTheName() {
        String content = "a;b\n1;é\n2;ü\n";
        for (String name : List.of("x.csv.gz", "x.csv")) {
            Frame f = CsvReader.read(CsvFiles.gzip(dir, name, content));
            assertThat(numbers(f, "a")).containsExactly(1, 2);
            assertThat(texts(f, "b")).containsExactly("é", "ü");
        }
    }

    @Test
    void blankLinesAreSkippedAndRowLinesKeptForMessages() {
        CsvTable t = CsvReader.readTable(CsvFiles.write(dir, "b.csv", "\na,b\n\n1,\"x\ny\"\n  \t \n2,z\n   "), CsvOptions.DEFAULTS);
        assertThat(t.frame().rows()).isEqualTo(2);
        assertThat(t.rowLines()).containsExactly(4, 7);
        assertThat(t.location(1, 1).toString()).endsWith("b.csv:7:2");
    }

    @Test
    void numericColumnsHoldIntegersDecimalsExponentsAndSigns() {
        Frame f = read("v\n1\n-2\n+3.25\n.5\n6.\n1e3\n-2.5E-2\n12345678901234567890\n0.1\n-0\n");
        assertThat(f.schema().field(0).type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(numbers(f, "v")).containsExactly(1, -2, 3.25, 0.5, 6, 1000, -0.025, 12345678901234567890.0, 0.1, -0.0);
    }

    @Test
    void booleanColumnsAreZeroOneNumbersTypedBoolean() {
        Frame f = read("a,b,c,d\ntrue,yes,1,TRUE\nFalse,NO,0,0\n,yes,1,1\n");
        Schema s = f.schema();
        assertThat(s.field(0).type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(s.field(1).type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(s.field(2).type()).as("0/1 alone stays numeric").isEqualTo(ColumnType.NUMERIC);
        assertThat(s.field(3).type()).as("true mixed with 0/1").isEqualTo(ColumnType.BOOLEAN);
        assertThat(numbers(f, "a")).containsExactly(1, 0, Double.NaN);
        assertThat(numbers(f, "b")).containsExactly(1, 0, 1);
        assertThat(numbers(f, "d")).containsExactly(1, 0, 1);
    }

    @Test
    void timestampColumnsAcceptIsoWithAndWithoutZoneSpaceSeparatedAndDates() {
        Frame f = read("t\n2024-03-01T12:30:15Z\n2024-03-01T12:30:15.250+01:00\n2024-03-01T12:30:15\n2024-03-01 12:30:15\n2024-03-01\nNA\n");
        assertThat(f.schema().field(0).type()).isEqualTo(ColumnType.TIMESTAMP);
        long[] ms = ((Column.Timestamp) f.column("t")).epochMillis();
        assertThat(ms).containsExactly(
            Instant.parse("2024-03-01T12:30:15Z").toEpochMilli(),
            Instant.parse("2024-03-01T11:30:15.250Z").toEpochMilli(),
            Instant.parse("2024-03-01T12:30:15Z").toEpochMilli(),
            Instant.parse("2024-03-01T12:30:15Z").toEpochMilli(),
            Instant.parse("2024-03-01T00:00:00Z").toEpochMilli(),
            Column.Timestamp.MISSING);
    }

    @Test
    void otherColumnsAreCategoricalWithCodesInOrderOfFirstAppearance() {
        Frame f = read("city,n\nRome,1\nParis,2\nRome,3\n\"Ro\"\"me\",4\nnull,5\n");
        Column.Categorical c = (Column.Categorical) f.column("city");
        assertThat(f.schema().field(0).type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.dictionary()).containsExactly("Rome", "Paris", "Ro\"me");
        assertThat(c.codes()).containsExactly(0, 1, 0, 2, -1);
    }

    @Test
    void aColumnOfMostlyWordsWithSomeNumbersIsCategorical() {
        Frame f = read("code\nA1\nB2\n3\nC4\n");
        assertThat(f.schema().field(0).type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(texts(f, "code")).containsExactly("A1", "B2", "3", "C4");
    }

    @Test
    void unquotedValuesAreTrimmedQuotedOnesKeptExactly() {
        Frame f = read("a, b\n x , \" y \"\n");
        assertThat(f.schema().names()).containsExactly("a", "b");
        assertThat(texts(f, "a")).containsExactly("x");
        assertThat(texts(f, "b")).containsExactly(" y ");
    }

    @Test
    void missingValueTokensAreMissingAndTheirRowsKept() {
        Frame f = read("n,c,t,b\n1,x,2024-01-01,true\n,NA,n/a,None\nnull,N/A,,NULL\n4,y,2024-01-02,no\n");
        assertThat(f.rows()).isEqualTo(4);
        for (int c = 0; c < 4; c++) {
            assertThat(f.column(c).isMissing(1)).isTrue();
            assertThat(f.column(c).isMissing(2)).isTrue();
            assertThat(f.column(c).isMissing(3)).isFalse();
        }
        assertThat(f.schema().fields()).extracting(Field::type).containsExactly(
            ColumnType.NUMERIC, ColumnType.CATEGORICAL, ColumnType.TIMESTAMP, ColumnType.BOOLEAN);
        assertThat(((Column.Categorical) f.column("c")).codes()).containsExactly(0, -1, -1, 1);
    }

    @Test
    void anAllMissingColumnIsNumericNaN() {
        Frame f = read("a,b\n1,\n2,NA\n");
        assertThat(f.schema().field(1).type()).isEqualTo(ColumnType.NUMERIC);
        assertThat(numbers(f, "b")).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void everyFieldIsAFeature() {
        Frame f = read("a,b,c\n1,x,true\n");
        assertThat(f.schema().fields()).extracting(Field::role).containsOnly(ColumnRole.FEATURE);
    }

    @Test
    void declaredTypesWinOverInference() {
        Path p = CsvFiles.write(dir, "o.csv", "zip,flag,when,n\n01234,1,2024-01-01,5\n99999,0,2024-01-02,6\n");
        CsvOptions o = CsvOptions.DEFAULTS.withTypes(Map.of(
            "zip", ColumnType.CATEGORICAL, "flag", ColumnType.BOOLEAN, "when", ColumnType.CATEGORICAL, "n", ColumnType.TIMESTAMP));
        Frame f;
        try {
            f = CsvReader.read(p, o);
            throw new AssertionError("n is not a timestamp");
        } catch (io.sentinelrisk.core.error.InputException e) {
            assertThat(e.getMessage()).isEqualTo(p + ":2:4: value \"5\" in column 'n' is not a timestamp (e.g. 2024-03-01T12:00:00Z, "
                + "2024-03-01 12:00:00 or 2024-03-01); the config declares 'n' timestamp");
        }
        f = CsvReader.read(p, o.withType("n", ColumnType.NUMERIC));
        assertThat(f.schema().fields()).extracting(Field::type).containsExactly(
            ColumnType.CATEGORICAL, ColumnType.BOOLEAN, ColumnType.CATEGORICAL, ColumnType.NUMERIC);
        assertThat(texts(f, "zip")).containsExactly("01234", "99999");
        assertThat(numbers(f, "flag")).containsExactly(1, 0);
        assertThat(texts(f, "when")).containsExactly("2024-01-01", "2024-01-02");
    }

    @Test
    void expectedSchemaForcesTypesByNameAndLeavesOtherColumnsInferred() {
        Schema trained = new Schema(List.of(
            new Field("amount", ColumnType.NUMERIC, ColumnRole.FEATURE),
            new Field("code", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
            new Field("absent", ColumnType.NUMERIC, ColumnRole.FEATURE)));
        Path p = CsvFiles.write(dir, "s.csv", "code,amount,extra\n7,1.5,x\n8,,y\n");
        CsvOptions o = CsvOptions.DEFAULTS.withExpected(trained).withType("code", ColumnType.NUMERIC);
        Frame f = CsvReader.read(p, o);
        assertThat(f.schema().fields()).extracting(Field::type).containsExactly(
            ColumnType.CATEGORICAL, ColumnType.NUMERIC, ColumnType.CATEGORICAL);
        assertThat(numbers(f, "amount")).containsExactly(1.5, Double.NaN);
    }

    @Test
    void readsARealDatasetWithItsLabelColumn() throws URISyntaxException {
        Path p = Path.of(getClass().getResource("/datasets/breastw.csv").toURI());
        CsvTable t = CsvReader.readTable(p, CsvOptions.DEFAULTS);
        Frame f = t.frame();
        assertThat(f.rows()).isEqualTo(683);
        assertThat(f.columnCount()).isEqualTo(10);
        assertThat(f.schema().fields()).extracting(Field::type).containsOnly(ColumnType.NUMERIC);
        Labels labels = LabelReader.fromColumn(t, "label");
        assertThat(labels.anomalies()).isEqualTo(239);
        assertThat(f.without("label").columnCount()).isEqualTo(9);
    }

    @Test
    void fieldsOfEveryLengthAndPlaceReadBack() {
        // fields from 0 to 40 bytes, with multi-byte characters anywhere, so that field ends and
        // non-ASCII bytes fall at every offset of the tokenizer's 8-byte steps
        java.util.Random rnd = new java.util.Random(11);
        String alphabet = "abcxyz0189_-éü€𝄞";
        for (String delimiter : List.of(",", "\t", ";")) {
            StringBuilder sb = new StringBuilder("a" + delimiter + "b" + delimiter + "c\n");
            List<String> expected = new java.util.ArrayList<>();
            for (int r = 0; r < 300; r++) {
                for (int c = 0; c < 3; c++) {
                    StringBuilder v = new StringBuilder("v");
                    int len = rnd.nextInt(40);
                    for (int k = 0; k < len; k++) {
                        v.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, rnd.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                    }
                    expected.add(v.toString());
                    sb.append(v).append(c < 2 ? delimiter : rnd.nextBoolean() ? "\n" : "\r\n");
                }
            }
            Frame f = CsvReader.read(CsvFiles.write(dir, "lengths.csv", sb.toString()), CsvOptions.DEFAULTS);
            assertThat(f.rows()).isEqualTo(300);
            for (int r = 0; r < 300; r++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(f.column(c).text(r)).isEqualTo(expected.get(r * 3 + c));
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        StringBuilder sb = new StringBuilder("a,b,c,d\n");
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 60_000; i++) { // enough fields to use threads
            sb.append(rnd.nextGaussian()).append(',').append("k").append(rnd.nextInt(30)).append(',')
                .append(rnd.nextBoolean()).append(',').append(rnd.nextInt(100)).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        Frame one = CsvReader.readTable(InputBytes.fromBytes("m", bytes, "x"), CsvOptions.DEFAULTS, 1).frame();
        Frame four = CsvReader.readTable(InputBytes.fromBytes("m", bytes, "x"), CsvOptions.DEFAULTS, 4).frame();
        assertThat(four.schema()).isEqualTo(one.schema());
        assertThat((long) one.rows() * one.columnCount()).isGreaterThanOrEqualTo(CsvReader.PARALLEL_FROM_FIELDS);
        assertThat(numbers(four, "a")).isEqualTo(numbers(one, "a"));
        assertThat(numbers(four, "c")).isEqualTo(numbers(one, "c"));
        assertThat(((Column.Categorical) four.column("b")).codes()).isEqualTo(((Column.Categorical) one.column("b")).codes());
        assertThat(((Column.Categorical) four.column("b")).dictionary()).isEqualTo(((Column.Categorical) one.column("b")).dictionary());
        assertThat(numbers(one, "a")[5]).isEqualTo(Double.parseDouble(sb.toString().split("\n")[6].split(",")[0]));
    }
}
