package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.AfterAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary bytes never make the readers fail with anything but an {@link InputException} with a
 * one-line message: seeded random bytes, random CSV-like token soups and mutations of valid
 * files (so both shallow and deep paths of the parser are reached).
 */
class CsvReaderRandomInputTest {
    private static final String[] TOKENS = {
        ",", ";", "\t", "|", "\"", "\"\"", "\n", "\r\n", "\r", " ", "1", "-2.5", "1e309", "0", "true", "no", "NA", "nan",
        "inf", "x", "é", "2024-01-02", "2024-01-02T03:04:05Z", "2024-02-30", "a,b", "\uFEFF", "null", ".", "e", "+",
    };
    private static final byte[][] RAW = {
        {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0}, {(byte) 0x1F, (byte) 0x8B},
    };
    private static final String VALID = "id,amount,city,when,flag\n1,2.5,Rome,2024-01-01,true\n2,\"3\",\"Pa\"\"ris\",2024-01-02T10:00Z,no\n"
        + "3,,\"New\nYork\",,NA\n";

    private static final AtomicInteger parsed = new AtomicInteger();
    private static final AtomicInteger inputs = new AtomicInteger();

    @AfterAll
    static void aGoodShareOfInputsGetsPastTheTokenizer() {
        assertThat(parsed.get()).as("inputs read without error, of " + inputs.get()).isGreaterThan(inputs.get() / 20);
    }

    @RepeatedTest(200)
    void neverAnythingButInputException(RepetitionInfo info) throws IOException {
        Random rnd = new Random(1_000_003L * info.getCurrentRepetition());
        for (int i = 0; i < 40; i++) {
            byte[] input = switch (rnd.nextInt(4)) {
                case 0 -> randomBytes(rnd);
                case 1 -> tokenSoup(rnd);
                case 2 -> mutate(rnd, VALID.getBytes(StandardCharsets.UTF_8));
                default -> rnd.nextBoolean() ? gzip(tokenSoup(rnd)) : truncate(rnd, gzip(VALID.getBytes(StandardCharsets.UTF_8)));
            };
            inputs.incrementAndGet();
            check(input, rnd);
        }
    }

    private void check(byte[] input, Random rnd) throws IOException {
        Character delimiter = rnd.nextInt(3) == 0 ? (char) DelimiterSniffer.CANDIDATES[rnd.nextInt(4)] : null;
        CsvOptions options = CsvOptions.DEFAULTS.withDelimiter(delimiter);
        try {
            // in memory, as files would make the test slow; the file path is the same code after reading
            CsvTable t = CsvReader.readBytes("in.csv", input, options);
            parsed.incrementAndGet();
            Frame f = t.frame();
            assertThat(f.rows()).isPositive();
            assertThat(t.rowLines()).hasSize(f.rows()).isSorted();
            for (int c = 0; c < f.columnCount(); c++) {
                for (int r = 0; r < f.rows(); r++) {
                    f.column(c).text(r);
                }
            }
            if (f.columnCount() > 0) {
                labels(t, f.schema().field(0).name());
            }
        } catch (InputException e) {
            oneLine(e);
        }
        try {
            LabelReader.fromBytes("labels.csv", input, 3, "data.csv");
        } catch (InputException e) {
            oneLine(e);
        }
    }

    private static void labels(CsvTable t, String column) {
        try {
            LabelReader.fromColumn(t, column);
        } catch (InputException e) {
            oneLine(e);
        }
    }

    private static void oneLine(InputException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r", "\u2028", "\u2029");
        assertThat(e.location()).isNotNull();
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] tokenSoup(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = rnd.nextInt(120);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(10) == 0) {
                out.writeBytes(RAW[rnd.nextInt(RAW.length)]);
            } else {
                out.writeBytes(TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static byte[] mutate(Random rnd, byte[] valid) {
        byte[] b = valid.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = rnd.nextInt(b.length);
            b[at] = switch (rnd.nextInt(4)) {
                case 0 -> (byte) rnd.nextInt(256);
                case 1 -> '"';
                case 2 -> ',';
                default -> '\n';
            };
        }
        return truncate(rnd, b);
    }

    private static byte[] truncate(Random rnd, byte[] b) {
        return rnd.nextBoolean() ? b : java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
