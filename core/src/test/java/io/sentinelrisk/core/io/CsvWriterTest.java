package io.sentinelrisk.core.io;

import io.sentinelrisk.core.data.Column;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level writer writes the same text as formatting through the JDK's formatters and writers. */
class CsvWriterTest {
    private static String written(char delimiter, java.util.function.Consumer<CsvWriter> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(out, delimiter);
        rows.accept(w);
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fixed2IsStringFormatsTextForEveryKindOfValue() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.005, 0.015, 0.125, 0.135, 1.005, 2.675, 99.995,
                100.0, -0.001, -0.005, -0.004, -1.235, 54.265, 0.994999999, 0.995, 1e9 - 0.005, 1e9, 1e12 + 0.5,
                123456789.125, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 30_000; i++) {
            values.add(random.nextDouble() * 100);                               // risks
            values.add(Math.round(random.nextDouble() * 100_000) / 1000.0);     // three decimals: ties at the third
            values.add((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-4, 12)));
            // a few ulps either side of a tie at the third decimal, at every scale of a risk and beyond
            double tie = (random.nextLong(0, 10_000_000_000L) + 0.5) / Math.pow(10, random.nextInt(2, 10));
            values.add(tie);
            values.add(Math.nextUp(tie));
            values.add(Math.nextDown(tie));
            values.add(Math.nextUp(Math.nextUp(tie)));
            values.add(-Math.nextDown(Math.nextDown(tie)));
            values.add(Double.parseDouble((random.nextInt(0, 100_000) + 0.5) / 1000.0 + "0000000001"));
        }
        String[] lines = written(',', w -> values.forEach(v -> w.fixed2(v, true).endRow())).split("\n");
        assertThat(lines).hasSize(values.size());
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String expected = String.format(Locale.ROOT, "%.2f", values.get(i));
            if (!lines[i].equals(expected)) {
                wrong.add(values.get(i) + ": " + lines[i] + " instead of " + expected);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Near-ties are decided without String.format ({@code Fixed2.nearTie}): every tie c + 1/2
     * hundredths below 10^5 (every risk's) and random ones up to 10^9, each as the double nearest
     * it and two ulps either side, plus random risks and decimals of three digits, millions in all,
     * against String.format.
     */
    @Test
    void fixed2DecidesNearTiesAsStringFormatDoes() {
        SplittableRandom random = new SplittableRandom(2026);
        byte[] buf = new byte[CsvWriter.FIXED2_ROOM];
        List<String> wrong = new ArrayList<>();
        int nearTies = 0;
        long count = 0;
        for (long i = 0; i < 1_400_000 && wrong.size() < 20; i++) {
            long c = i < 1_000_000 ? i * 10 + random.nextInt(10)   // every tie's scale below 10^5
                    : random.nextLong(0, i < 1_200_000 ? 100_000_000_000L : 10_000_000L);
            double t = (2 * c + 1) / 200.0;
            double[] around = {t, Math.nextUp(t), Math.nextDown(t), Math.nextUp(Math.nextUp(t)),
                    Math.nextDown(Math.nextDown(t)), random.nextDouble() * 100, Math.round(random.nextDouble() * 1e8) / 1000.0};
            for (int j = 0; j < around.length; j++) {
                double v = (i & 1) == 0 || j > 4 ? around[j] : -around[j];
                if (j < 5) {
                    double scaled = Math.abs(v) * 100;
                    nearTies += Math.abs(scaled - (double) (long) scaled - 0.5) < 1e-7 ? 1 : 0;
                }
                int end = CsvWriter.Fixed2.write(v, buf, 0);
                String actual = new String(buf, 0, end, StandardCharsets.US_ASCII);
                String expected = String.format(Locale.ROOT, "%.2f", v);
                count++;
                if (!actual.equals(expected)) {
                    wrong.add(v + ": " + actual + " instead of " + expected);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(count).isGreaterThan(9_000_000);
        assertThat(nearTies).isGreaterThan(4_000_000);   // the exact rule, not the plain rounding, was tested
    }

    @Test
    void numbersAreWrittenAsTheColumnShowsThemAndScoresAsDoubleToString() {
        SplittableRandom random = new SplittableRandom(5);
        double[] values = new double[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 10) {
                case 5 -> Double.parseDouble(String.format(Locale.ROOT, "%.6g", random.nextGaussian()));
                case 6 -> Math.round(random.nextGaussian() * 1e6) / 1000.0;
                case 7 -> Double.parseDouble(String.format(Locale.ROOT, "%." + random.nextInt(1, 16) + "g",
                        (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 9))));
                case 8 -> random.nextInt(1, 10) * Math.pow(10, random.nextInt(-4, 8)) + random.nextInt(0, 3) * 1e-9;
                case 0 -> random.nextInt(-1_000_000, 1_000_000);
                case 1 -> random.nextGaussian() * 1e3;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                case 3 -> i % 2 == 0 ? Double.NaN : 1e15 + i;
                default -> new double[] {0.0, -0.0, Long.MIN_VALUE, -1e15 + 1, 999_999_999_999_999.0, 1e-300}[i % 6];
            };
        }
        Column.Numeric column = new Column.Numeric("x", values);
        String[] lines = written(';', w -> {
            for (double v : values) {
                w.number(v, true).shortest(v, false).endRow();
            }
        }).split("\n");
        assertThat(lines).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(lines[i]).as("%s", values[i]).isEqualTo(column.text(i) + ";" + Double.toString(values[i]));
        }
    }

    @Test
    void edgeValuesAreWrittenAsTheColumnShowsThemAndAsDoubleToString() {
        List<Double> values = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 4.9e-320, Double.MAX_VALUE, -Double.MAX_VALUE,
                1e21, -1e21, 1e-7, -1e-7, 1e-3, 9.999999999999999e-4, 1e7, 9_999_999.999999998, 1e15, -1e15, 1e15 - 1, 1e15 + 2,
                (double) Integer.MAX_VALUE, Integer.MAX_VALUE + 1.0, (double) Integer.MIN_VALUE, Integer.MIN_VALUE - 1.0,
                (double) Long.MAX_VALUE, (double) Long.MIN_VALUE, 4294967295.0, 4294967296.0, 0.5, -0.5, 2.5, 1.0 / 3));
        for (long p = 1; p <= 1_000_000_000_000_000L; p *= 10) {
            for (long d = -1; d <= 1; d++) {
                values.add((double) (p + d));
                values.add((double) -(p + d));
            }
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add((double) random.nextInt());
            values.add((double) random.nextLong(-(1L << 50), 1L << 50));
            values.add(random.nextDouble());
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Column.Numeric column = new Column.Numeric("x", v);
        String[] lines = written(',', w -> {
            for (double x : v) {
                w.number(x, true).shortest(x, false).endRow();
            }
        }).split("\n", -1);
        assertThat(lines).hasSize(v.length + 1);
        for (int i = 0; i < v.length; i++) {
            assertThat(lines[i]).as("%s", v[i]).isEqualTo(column.text(i) + "," + Double.toString(v[i]));
        }
    }

    @Test
    void hexDigitsAreHexFormatsAndBytesAreCopiedAsTheyAre() {
        List<Long> values = new ArrayList<>(List.of(0L, -1L, 1L, 15L, 16L, Long.MAX_VALUE, Long.MIN_VALUE, 0x0123456789abcdefL));
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextLong());
        }
        byte[] info = "info".getBytes(StandardCharsets.US_ASCII);
        String[] lines = written(';', w -> values.forEach(x -> w.hex16(x, true).ascii(info, false).hex16(x, false).endRow())).split("\n");
        assertThat(lines).hasSize(values.size());
        for (int i = 0; i < lines.length; i++) {
            String hex = java.util.HexFormat.of().toHexDigits(values.get(i));
            assertThat(lines[i]).isEqualTo(hex + ";info;" + hex);
        }
    }

    @Test
    void decimalsOfEveryLengthAndScaleAreDoubleToStringsText() {
        // every count of significant digits (1-17) at every scale of the plain range, and every
        // count of trailing zeros the writer drops
        SplittableRandom random = new SplittableRandom(21);
        List<Double> values = new ArrayList<>();
        for (int digits = 1; digits <= 17; digits++) {
            for (int scale = 0; scale <= 19; scale++) {
                for (int i = 0; i < 40; i++) {
                    long m = random.nextLong((long) Math.pow(10, digits - 1), (long) Math.pow(10, digits));
                    double v = Double.parseDouble(m + "E-" + scale);
                    values.add(i % 2 == 0 ? v : -v);
                }
            }
        }
        String[] lines = written(',', w -> values.forEach(v -> w.shortest(v, true).endRow())).split("\n");
        assertThat(lines).hasSize(values.size());
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo(Double.toString(values.get(i)));
        }
    }

    /** What the writer wrote before it wrote bytes itself: a BufferedWriter over UTF-8, quoting per RFC 4180. */
    private static String reference(char delimiter, List<String> row) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                w.write(delimiter);
            }
            String s = row.get(i);
            if (s == null) {
                continue;
            }
            boolean quote = !s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '
                    || s.chars().anyMatch(c -> c == delimiter || c == '"' || c == '\n' || c == '\r'));
            w.write(quote ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        w.write('\n');
        w.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textIsQuotedAndEncodedAsBefore() throws IOException {
        String longText = "x".repeat(100_000);
        String longQuoted = "a,\"b\" ".repeat(30_000);
        List<List<String>> rows = new ArrayList<>(List.of(
                List.of("plain", "with,comma", "with \"quote\"", " lead", "trail ", "line\nbreak", "cr\rhere"),
                List.of("", "é ü ß", "日本語", "emoji \uD83D\uDE00", "lone \uD800 surrogate", "tab\tinside"),
                List.of(longText, longQuoted, "=formula", "-1", "x")));
        rows.add(java.util.Arrays.asList(null, "after null", null));
        for (char delimiter : new char[] {',', ';', '\t', '|', '§'}) {
            for (List<String> row : rows) {
                String expected = reference(delimiter, row);
                String actual = written(delimiter, w -> {
                    for (int i = 0; i < row.size(); i++) {
                        w.field(row.get(i), i == 0);
                    }
                    w.endRow();
                });
                assertThat(actual).isEqualTo(expected);
                assertThat(written(delimiter, w -> w.writeRow(row.toArray(new String[0])))).isEqualTo(expected);
            }
        }
    }

    @Test
    void manyRowsCrossTheBufferIntact() {
        StringBuilder expected = new StringBuilder();
        String actual = written(',', w -> {
            for (int r = 0; r < 20_000; r++) {
                w.number(r, true).shortest(r / 7.0, false).fixed2(r / 3.0, false).field("row" + r, false).endRow();
            }
        });
        for (int r = 0; r < 20_000; r++) {
            expected.append(r).append(',').append(Double.toString(r / 7.0)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r / 3.0)).append(",row").append(r).append('\n');
        }
        assertThat(actual).isEqualTo(expected.toString());
    }

    @Test
    void digitsAreTheNumbersZeroPaddedTextAtEveryWidthAndLeaveNoMoreThanThreeBytesBehind() {
        byte[] buf = new byte[32];
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 1_000_000; i++) {
            int x = i < 400_000 ? i : i < 700_000 ? random.nextInt(100_000_000) : random.nextInt(Integer.MAX_VALUE) + 1;
            int width = i % 9;   // 0..8, the widths the writer asks for
            java.util.Arrays.fill(buf, (byte) '#');
            int end = CsvWriter.Shortest.digits(x, width, buf, 5);
            String expected = width == 0 ? Integer.toString(x) : String.format(Locale.ROOT, "%0" + width + "d", x);
            assertThat(new String(buf, 5, end - 5, StandardCharsets.US_ASCII)).as("%d width %d", x, width).isEqualTo(expected);
            for (int j = end + 3; j < buf.length; j++) {
                assertThat(buf[j]).isEqualTo((byte) '#');
            }
            for (int j = 0; j < 5; j++) {
                assertThat(buf[j]).isEqualTo((byte) '#');
            }
            if (x < 100_000_000) {
                int end8 = CsvWriter.Shortest.eight(x, buf, 7);
                assertThat(new String(buf, 7, end8 - 7, StandardCharsets.US_ASCII)).isEqualTo(String.format(Locale.ROOT, "%08d", x));
            }
        }
    }
}
