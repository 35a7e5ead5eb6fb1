package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LabelReaderTest {
    @TempDir
    Path dir;

    private CsvTable table(String content, CsvOptions options) {
        return CsvReader.readTable(CsvFiles.write(dir, "data.csv", content), options);
    }

    private String data() {
        return dir.resolve("data.csv").toString();
    }

    @ParameterizedTest
    @CsvSource({
        "1,1", "0,0", "1.0,1", "0.0,0", "' 1 ',1", "TRUE,1", "false,0", "Yes,1", "no,0", "anomaly,1", "Anomalous,1",
        "OUTLIER,1", "abnormal,1", "normal,0", "Inlier,0"})
    void acceptedValues(String text, int expected) {
        assertThat(LabelReader.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2", "-1", "0.5", "fraud?", "''", "NA", "1 0"})
    void rejectedValues(String text) {
        assertThat(LabelReader.parse(text)).isEqualTo(-1);
    }

    @Test
    void fromANumericColumn() {
        CsvTable t = table("a,label\n5,0\n6,1\n7,0.0\n8,1.0\n", CsvOptions.DEFAULTS);
        Labels l = LabelReader.fromColumn(t, "label");
        assertThat(l.values()).containsExactly(0, 1, 0, 1);
        assertThat(l.anomalies()).isEqualTo(2);
        assertThat(l.source()).isEqualTo(data() + " column 'label'");
    }

    @Test
    void fromABooleanColumnAndFromWords() {
        assertThat(LabelReader.fromColumn(table("a,y\n5,true\n6,FALSE\n", CsvOptions.DEFAULTS), "y").values()).containsExactly(1, 0);
        assertThat(LabelReader.fromColumn(table("a,y\n5,normal\n6,Anomaly\n7,outlier\n8,inlier\n", CsvOptions.DEFAULTS), "y").values())
            .containsExactly(0, 1, 1, 0);
    }

    @Test
    void fromAColumnReadAsText() {
        CsvOptions o = LabelReader.labelColumnAsText(CsvOptions.DEFAULTS, "y");
        assertThat(o.forcedType("y")).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(LabelReader.fromColumn(table("a,y\n5,1\n6,0.0\n7,yes\n", o), "y").values()).containsExactly(1, 0, 1);
    }

    @Test
    void aNonBinaryValueInTheColumnNamesLineAndValue() {
        InputException e = catchThrowableOfType(InputException.class,
            () -> LabelReader.fromColumn(table("a,y\n5,1\n\n6,2\n", CsvOptions.DEFAULTS), "y"));
        assertThat(e.getMessage()).isEqualTo(data() + ":4:2: label \"2\" in column 'y' is not a label value (" + LabelReader.ACCEPTED + ")");
        InputException words = catchThrowableOfType(InputException.class,
            () -> LabelReader.fromColumn(table("a,y\n5,normal\n6,suspicious\n", CsvOptions.DEFAULTS), "y"));
        assertThat(words.getMessage()).startsWith(data() + ":3:2: label \"suspicious\" in column 'y' is not a label value (accepted: 1, true");
    }

    @Test
    void fromAFrameWithoutLineNumbersNamesTheDataRow() {
        io.sentinelrisk.core.data.Frame f = table("a,y\n5,1\n\n6,7\n", CsvOptions.DEFAULTS).frame();
        InputException e = catchThrowableOfType(InputException.class, () -> LabelReader.fromColumn(f, "y", "scored.csv"));
        assertThat(e.getMessage()).startsWith("scored.csv (data row 2): label \"7\" in column 'y' is not a label value");
        Labels ok = LabelReader.fromColumn(table("a,y\n5,1\n6,0\n", CsvOptions.DEFAULTS).frame(), "y", "s");
        assertThat(ok.values()).containsExactly(1, 0);
        assertThat(ok.source()).isEqualTo("s column 'y'");
    }

    @Test
    void aMissingLabelInTheColumn() {
        InputException e = catchThrowableOfType(InputException.class,
            () -> LabelReader.fromColumn(table("a,y\n5,1\n6,\n", CsvOptions.DEFAULTS), "y"));
        assertThat(e.getMessage()).startsWith(data() + ":3:2: label is missing in column 'y'; every row needs a label");
    }

    @Test
    void anAbsentLabelColumn() {
        InputException e = catchThrowableOfType(InputException.class,
            () -> LabelReader.fromColumn(table("a,b\n5,1\n", CsvOptions.DEFAULTS), "label"));
        assertThat(e.getMessage()).isEqualTo(data() + ": label column 'label' is not in the header; the columns are 'a', 'b'");
    }

    @Test
    void fromAFileWithoutAndWithAHeader() {
        Path plain = CsvFiles.write(dir, "l1.csv", "0\n1\r\nnormal\n\"anomaly\"\n\n");
        assertThat(LabelReader.fromFile(plain, 4, "data.csv").values()).containsExactly(0, 1, 0, 1);
        Path header = CsvFiles.write(dir, "l2.csv", "is_anomaly\ntrue\nfalse\n");
        Labels l = LabelReader.fromFile(header, 2, "data.csv");
        assertThat(l.values()).containsExactly(1, 0);
        assertThat(l.source()).isEqualTo(header.toString());
        Path gz = CsvFiles.gzip(dir, "l3.csv.gz", "label\n1\n0\n1\n");
        assertThat(LabelReader.fromFile(gz, 3, "data.csv").values()).containsExactly(1, 0, 1);
    }

    @Test
    void rowCountMismatchNamesBothCountsAndBothFiles() {
        Path p = CsvFiles.write(dir, "labels.csv", "label\n0\n1\n1\n");
        InputException e = catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(p, 4, "data.csv"));
        assertThat(e.getMessage()).isEqualTo(p + ": has 3 labels but data.csv has 4 rows; give one label per data row, in the same order");
    }

    @Test
    void badValuesInAFileNameTheLine() {
        Path p = CsvFiles.write(dir, "labels.csv", "label\n0\n1\n3\n");
        InputException e = catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(p, 3, "data.csv"));
        assertThat(e.getMessage()).isEqualTo(p + ":4: label \"3\" is not a label value (" + LabelReader.ACCEPTED + ")");
        Path firstLine = CsvFiles.write(dir, "first.csv", "2\n0\n");
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(firstLine, 2, "d")).getMessage())
            .startsWith(firstLine + ":1: label \"2\" is not");
        Path twoColumns = CsvFiles.write(dir, "two.csv", "id,label\n1,0\n");
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(twoColumns, 1, "d")).getMessage())
            .startsWith(twoColumns + ":2: label \"1,0\" is not").endsWith("; a label file holds one value per line");
        Path missing = CsvFiles.write(dir, "missing.csv", "0\n\n1\n");
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(missing, 3, "d")).getMessage())
            .startsWith(missing + ":2: label is missing; every row needs a label");
    }

    @Test
    void labelFileProblemsOfTheFileItself() {
        Path none = dir.resolve("none.csv");
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(none, 3, "d")).getMessage())
            .isEqualTo(none + ": file not found; expected a label file with one label per line");
        Path empty = CsvFiles.write(dir, "empty.csv", "\n");
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(empty, 3, "d")).getMessage())
            .isEqualTo(empty + ": the file is empty; expected a label file with one label per line");
        Path headerOnly = CsvFiles.write(dir, "h.csv", "label\n");
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(headerOnly, 3, "d")).getMessage())
            .isEqualTo(headerOnly + ": holds no labels; expected one label per data row (3 rows in d)");
        Path utf = CsvFiles.write(dir, "u.csv", CsvFiles.concat("0\n1\nab".getBytes(), new byte[] {(byte) 0xFF}));
        assertThat(catchThrowableOfType(InputException.class, () -> LabelReader.fromFile(utf, 3, "d")).getMessage())
            .isEqualTo(utf + ":3:3: invalid UTF-8 (byte 0xFF); the file must be UTF-8: re-save it as UTF-8");
    }
}
