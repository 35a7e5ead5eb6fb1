package io.sentinelrisk.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampParserTest {
    private static long parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return TimestampParser.parse(b, 0, b.length);
    }

    @Test
    void agreesWithJavaTimeOnRandomInstantsInEveryForm() {
        Random rnd = new Random(3);
        DateTimeFormatter space = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int i = 0; i < 20_000; i++) {
            long ms = rnd.nextLong(-5_000_000_000_000L, 10_000_000_000_000L);
            Instant instant = Instant.ofEpochMilli(ms);
            ZoneOffset zone = ZoneOffset.ofTotalSeconds((rnd.nextInt(37) - 18) * 1800);
            OffsetDateTime odt = instant.atOffset(zone);
            assertThat(parse(odt.toString())).as(odt.toString()).isEqualTo(ms);
            assertThat(parse(instant.toString())).as(instant.toString()).isEqualTo(ms);
            LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            assertThat(parse(utc.format(space))).isEqualTo(ms - Math.floorMod(ms, 1000));
            LocalDate date = utc.toLocalDate();
            assertThat(parse(date.toString())).isEqualTo(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
    }

    @Test
    void compactOffsetsFractionsAndMinutesOnly() {
        long base = Instant.parse("2024-03-01T12:30:00Z").toEpochMilli();
        assertThat(parse("2024-03-01T12:30")).isEqualTo(base);
        assertThat(parse("2024-03-01T13:30+0100")).isEqualTo(base);
        assertThat(parse("2024-03-01T07:30-05")).isEqualTo(base);
        assertThat(parse("2024-03-01t12:30:00z")).isEqualTo(base);
        assertThat(parse("2024-03-01T12:30:00.123456789Z")).isEqualTo(base + 123);
        assertThat(parse("2024-03-01T12:30:00.5")).isEqualTo(base + 500);
        assertThat(parse("2024-02-29")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01",
        "2024-01-01T24:00", "2024-01-01T12:60", "2024-01-01T12:00:60", "2024-01-01T12", "2024-01-01T12:00:00.",
        "2024-01-01T12:00+19:00", "2024-01-01T12:00+1", "2024-01-01X", "2024-01-01 12:00:00 UTC", "20240101", "hello"})
    void rejectsWhatIsNotATimestamp(String s) {
        assertThat(parse(s)).as(s).isEqualTo(TimestampParser.NOT_A_TIMESTAMP);
    }
}
