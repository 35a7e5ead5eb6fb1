package io.sentinelrisk.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DecimalParserTest {
    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return DecimalParser.parse(b, 0, b.length);
    }

    private static void sameAsJdk(String s) {
        assertThat(Double.doubleToRawLongBits(parse(s))).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+0", "0.0", "-0.0", "1", "-1", "+1", "1.", ".5", "-.5", "0.1", "0.2", "0.3",
        "123456789012345", "1234567890123456", "12345678901234567", "123456789012345678901234567890",
        "9007199254740993", "0.1e1", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "2.4703282292062327e-324",
        "1.7976931348623157e308", "1.7976931348623159e308", "1e308", "1e309", "-1e400", "1e-400", "00000000000000000000001.5",
        "3.141592653589793", "2.718281828459045", "0.000001", "1E5", "1e+5", "1e-05", "0e999999999", "123.456e-7",
        "0.30000000000000004", "9999999999999999", "99999999999999999999e-20"})
    void edgeCasesEqualTheJdk(String s) {
        sameAsJdk(s);
    }

    @Test
    void randomNumbersInManySpellingsEqualTheJdk() {
        Random rnd = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            String s = switch (i % 6) {
                case 0 -> Double.toString(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
                case 1 -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
                case 2 -> String.format("%." + rnd.nextInt(12) + "f", rnd.nextDouble() * 1e6 - 5e5);
                case 3 -> Double.toString(Double.longBitsToDouble(rnd.nextLong())).replace("Infinity", "1").replace("NaN", "2");
                case 4 -> digits(rnd, 1 + rnd.nextInt(20)) + "." + digits(rnd, rnd.nextInt(20));
                default -> rnd.nextInt(100_000) + "e" + (rnd.nextInt(60) - 30);
            };
            sameAsJdk(s);
        }
    }

    /** The short path (a minus, at most 15 digits, a point) against the JDK, at every length and point position. */
    @Test
    void shortPlainNumbersEqualTheJdk() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            int whole = rnd.nextInt(17);
            int fraction = rnd.nextInt(18 - whole);
            if (whole + fraction == 0) {
                continue;
            }
            String point = fraction == 0 && rnd.nextBoolean() ? "" : ".";
            sameAsJdk((rnd.nextBoolean() ? "-" : "") + digits(rnd, whole) + point + digits(rnd, fraction));
        }
        for (String s : new String[] {"-123456789012345", "123456789012345.", "0.00000000000001", "-.000000000000001",
            "999999999999999", "9999999999999999", "-0.000", "0000000000000000.5", "1234567.89012345"}) {
            sameAsJdk(s);
        }
    }

    private static String digits(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "1d", "1f", "NaN", "Infinity",
        "--1", "1-", " 1", "1 ", "1_000", "١"})
    void rejectsWhatIsNotADecimalNumber(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        assertThat(DecimalParser.parse(b, 0, b.length)).as(s).isNaN();
    }

    @Test
    void parsesASliceOfABuffer() {
        byte[] b = "xx-12.5yy".getBytes(StandardCharsets.US_ASCII);
        assertThat(DecimalParser.parse(b, 2, 7)).isEqualTo(-12.5);
    }
}
