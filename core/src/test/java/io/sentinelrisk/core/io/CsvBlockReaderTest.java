package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The block reader reads what the whole-file reader reads — every cell, every row's line, every
 * error message — whatever the block size and wherever the buffer cuts the input (inside a
 * quoted field, a CR LF, a UTF-8 character, a doubled quote).
 */
class CsvBlockReaderTest {
    @TempDir
    Path dir;

    private static final String[] CELLS = {"1", "-2.5", "", "NA", "x", "é", "日本", "😀", "a,b", "say \"hi\"", "two\nlines",
        "cr\r\nlf", "  padded  ", "2024-01-02", "true", "1e3", "0"};

    @RepeatedTest(150)
    void sameAsTheWholeFileReader(RepetitionInfo info) {
        Random rnd = new Random(7_919L * info.getCurrentRepetition());
        String csv = randomCsv(rnd);
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(4) == 0) {
            bytes = CsvFiles.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
        }
        Path file = rnd.nextBoolean() ? CsvFiles.write(dir, "in.csv", bytes) : gzip(bytes);
        int buffer0 = 64 + rnd.nextInt(200);
        CsvTable whole;
        try {
            whole = CsvReader.readTable(file, CsvOptions.DEFAULTS);
        } catch (InputException e) {
            assertThatThrownBy(() -> readAll(file, CsvOptions.DEFAULTS, 3, buffer0)).hasMessage(e.getMessage());
            return;
        }
        CsvOptions forced = CsvOptions.DEFAULTS.withTypes(types(whole.frame()));
        int buffer = 64 + rnd.nextInt(200);
        int blockRows = 1 + rnd.nextInt(6);
        assertSame(whole, readAll(file, forced, blockRows, buffer), csv);
        // Unforced, the types come from the first block: the same, or a later value that does not fit is located.
        try {
            List<CsvTable> inferred = readAll(file, CsvOptions.DEFAULTS, blockRows, buffer);
            for (CsvTable t : inferred) {
                assertThat(types(t.frame())).isEqualTo(types(inferred.get(0).frame()));
            }
        } catch (InputException e) {
            assertThat(e.getMessage()).startsWith(file.toString() + ":").contains("read as ");
        }
    }

    @RepeatedTest(20)
    void aFileReadInBlocksAndJoinedIsTheFileReadWhole(RepetitionInfo info) {
        Random rnd = new Random(104_729L * info.getCurrentRepetition());
        Path file = CsvFiles.write(dir, "j.csv", randomCsv(rnd));
        CsvTable whole;
        try {
            whole = CsvReader.readTable(file, CsvOptions.DEFAULTS);
        } catch (InputException e) {
            return;
        }
        CsvTable joined = CsvReader.readInBlocks(file, CsvOptions.DEFAULTS.withTypes(types(whole.frame())));
        assertSame(whole, List.of(joined), file.toString());
        for (int c = 0; c < whole.frame().columnCount(); c++) {
            if (whole.frame().column(c) instanceof io.sentinelrisk.core.data.Column.Categorical k) {
                assertThat(((io.sentinelrisk.core.data.Column.Categorical) joined.frame().column(c)).dictionary())
                        .isEqualTo(k.dictionary());
            }
        }
    }

    @Test
    void aBadValueFarIntoTheFileIsTheSameLocatedError() {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(i % 7).append('\n');
        }
        sb.append("5000,12.5x\n");
        Path file = CsvFiles.write(dir, "late.csv", sb.toString());
        CsvOptions numeric = CsvOptions.DEFAULTS.withType("b", ColumnType.NUMERIC);
        String expected = catchMessage(() -> CsvReader.readTable(file, numeric));
        assertThat(expected).startsWith(file + ":5002:2: value \"12.5x\" in column 'b' is not a number");
        assertThatThrownBy(() -> readAll(file, numeric, 64, 256)).isInstanceOf(InputException.class).hasMessage(expected);
        String ragged = sb.append("1,2,3\n").toString().replace("12.5x", "12.5");
        Path raggedFile = CsvFiles.write(dir, "ragged.csv", ragged);
        assertThatThrownBy(() -> readAll(raggedFile, numeric, 100, 128)).isInstanceOf(InputException.class)
                .hasMessage(raggedFile + ":5003: line 5003 has 3 fields, the header has 2; quote values that contain the delimiter (comma)");
    }

    @Test
    void anUnclosedQuoteAtTheEndIsReportedWhereItStarts() {
        Path file = CsvFiles.write(dir, "open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
        String expected = catchMessage(() -> CsvReader.readTable(file, CsvOptions.DEFAULTS));
        assertThatThrownBy(() -> readAll(file, CsvOptions.DEFAULTS, 1, 64)).hasMessage(expected);
    }

    @Test
    void aRowLongerThanTheBufferGrowsIt() {
        String big = "x".repeat(10_000);
        Path file = CsvFiles.write(dir, "wide.csv", "a,b\n1,\"" + big + "\"\n2,y\n");
        List<CsvTable> blocks = readAll(file, CsvOptions.DEFAULTS, 10, 64);
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).frame().text(1, 0)).isEqualTo(big);
        assertThat(blocks.get(0).rowLines()).containsExactly(2, 3);
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRefusedAsTheWholeReaderRefusesThem() {
        for (String content : new String[] {"", " \n\n", "a,b\n", "a,b\n\n  \n"}) {
            Path file = CsvFiles.write(dir, "e.csv", content);
            String expected = catchMessage(() -> CsvReader.readTable(file, CsvOptions.DEFAULTS));
            assertThatThrownBy(() -> readAll(file, CsvOptions.DEFAULTS, 4, 64)).hasMessage(expected);
        }
        assertThatThrownBy(() -> readAll(dir.resolve("missing.csv"), CsvOptions.DEFAULTS, 4, 64))
                .hasMessageContaining("file not found");
    }

    @Test
    void laterBlocksKeepTheirValuesNearTheByteBudgetWhileTheFirstKeepsEveryRowForTypes() {
        assertThat(CsvBlockReader.laterBlockRows(65_536, 10)).isEqualTo(CsvBlockReader.LATER_BLOCK_BYTES / 80);
        assertThat(CsvBlockReader.laterBlockRows(65_536, 1)).isEqualTo(65_536);
        assertThat(CsvBlockReader.laterBlockRows(65_536, 1_000)).isEqualTo(CsvBlockReader.MIN_LATER_BLOCK_ROWS);
        assertThat(CsvBlockReader.laterBlockRows(5, 1_000)).isEqualTo(5);
        int cols = 300;   // 1 MiB of values is 436 rows: later blocks hold the floor of 4,096
        int firstRows = 6_000;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            sb.append(c == 0 ? "" : ",").append('c').append(c);
        }
        sb.append('\n');
        for (int r = 0; r < 15_000; r++) {
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "" : ",").append((r * 7 + c) % 10);
            }
            sb.append('\n');
        }
        Path file = CsvFiles.write(dir, "wide.csv", sb.toString());
        CsvTable whole = CsvReader.readTable(file, CsvOptions.DEFAULTS);
        List<CsvTable> blocks = readAll(file, CsvOptions.DEFAULTS, firstRows, 1 << 23);
        assertThat(blocks.get(0).frame().rows()).isEqualTo(firstRows);
        for (CsvTable b : blocks.subList(1, blocks.size())) {
            assertThat(b.frame().rows()).isLessThanOrEqualTo(CsvBlockReader.MIN_LATER_BLOCK_ROWS);
        }
        assertThat(blocks).hasSize(4);   // 6,000 then 4,096, 4,096 and 808
        assertSame(whole, blocks, file.toString());
    }

    @Test
    void laterBlocksAreNotCutShortWhereTheBufferEnds() {
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int r = 0; r < 20_000; r++) {
            sb.append(r % 1000).append(',').append(r % 7).append('\n');   // rows of 5 to 7 bytes
        }
        Path file = CsvFiles.write(dir, "even.csv", sb.toString());
        // a buffer of 4 KiB holds about 7 blocks of 100 rows: without reading on first, one in 7 would be short
        List<CsvTable> blocks = readAll(file, CsvOptions.DEFAULTS, 100, 4096);
        for (CsvTable b : blocks.subList(0, blocks.size() - 1)) {
            assertThat(b.frame().rows()).isEqualTo(100);
        }
        assertThat(blocks).hasSize(200);
        assertSame(CsvReader.readTable(file, CsvOptions.DEFAULTS), blocks, file.toString());
    }

    @Test
    void aTruncatedGzipIsNamedAsSuch() {
        StringBuilder sb = new StringBuilder("a\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i * 31 % 977).append('\n');
        }
        byte[] gz = CsvFiles.gzipBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        Path file = CsvFiles.write(dir, "cut.csv.gz", java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> readAll(file, CsvOptions.DEFAULTS, 100, 1024))
                .hasMessage(file + ": the file starts like gzip but cannot be decompressed (it ends too early); check that it is a complete .gz file");
    }

    private List<CsvTable> readAll(Path file, CsvOptions options, int blockRows, int buffer) {
        List<CsvTable> out = new ArrayList<>();
        try (CsvBlockReader r = CsvBlockReader.open(file, options, blockRows, 2, buffer)) {
            for (CsvTable t = r.next(); t != null; t = r.next()) {
                assertThat(t.frame().rows()).isBetween(1, blockRows);
                out.add(t);
            }
        }
        return out;
    }

    private static void assertSame(CsvTable whole, List<CsvTable> blocks, String csv) {
        Frame w = whole.frame();
        int row = 0;
        for (CsvTable b : blocks) {
            Frame f = b.frame();
            assertThat(f.schema().names()).isEqualTo(w.schema().names());
            for (int r = 0; r < f.rows(); r++, row++) {
                assertThat(b.rowLines()[r]).as("line of row %d in %s", row, csv).isEqualTo(whole.rowLines()[row]);
                for (int c = 0; c < f.columnCount(); c++) {
                    assertThat(f.text(c, r)).as("row %d column %d in %s", row, c, csv).isEqualTo(w.text(c, row));
                }
            }
        }
        assertThat(row).isEqualTo(w.rows());
    }

    private static Map<String, ColumnType> types(Frame f) {
        Map<String, ColumnType> m = new HashMap<>();
        for (var field : f.schema().fields()) {
            m.put(field.name(), field.type());
        }
        return m;
    }

    /** A valid CSV: random cells, quoted when they must be (and sometimes when not), mixed line ends, blank lines. */
    private static String randomCsv(Random rnd) {
        int cols = 1 + rnd.nextInt(4);
        String[] ends = {"\n", "\r\n", "\r"};
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            sb.append(c == 0 ? "" : ",").append("c").append(c);
        }
        sb.append(ends[rnd.nextInt(3)]);
        int rows = 1 + rnd.nextInt(40);
        // one kind of value per column, so that whole-file inference is stable (text columns stay text)
        String[][] kinds = new String[cols][];
        for (int c = 0; c < cols; c++) {
            kinds[c] = switch (rnd.nextInt(3)) {
                case 0 -> new String[] {"1", "-2.5", "", "NA", "1e3", "0", " 7 "};
                case 1 -> new String[] {"2024-01-02", "", "2024-03-01T12:30:15Z"};
                default -> CELLS;
            };
        }
        for (int r = 0; r < rows; r++) {
            if (rnd.nextInt(8) == 0) {
                sb.append(rnd.nextBoolean() ? "" : "  ").append(ends[rnd.nextInt(3)]);
            }
            for (int c = 0; c < cols; c++) {
                String v = kinds[c][rnd.nextInt(kinds[c].length)];
                boolean must = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
                sb.append(c == 0 ? "" : ",");
                if (must || rnd.nextInt(5) == 0) {
                    sb.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    sb.append(v);
                }
            }
            if (r < rows - 1 || rnd.nextBoolean()) {
                sb.append(ends[rnd.nextInt(3)]);
            }
        }
        return sb.toString();
    }

    private Path gzip(byte[] bytes) {
        return CsvFiles.write(dir, "in.csv.gz", CsvFiles.gzipBytes(bytes));
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (InputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an InputException");
    }
}
