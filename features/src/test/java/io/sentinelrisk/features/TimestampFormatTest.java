package io.sentinelrisk.features;

import io.sentinelrisk.features.engine.DuckDbs;
import io.sentinelrisk.features.spec.TimestampFormat;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming side's timestamp parser agrees with DuckDB's, which the batch side uses. */
class TimestampFormatTest {
    private static final List<String> ISO = List.of("2024-01-31", "2024-01-31 13:45", "2024-01-31 13:45:07", "2024-01-31T13:45:07Z",
            "2024-01-31T13:45:07.25Z", "2024-01-31 13:45:07.123456", "2024-01-31T13:45:07+02:00", "2024-01-31T13:45:07-0530",
            "2024-02-29 23:59:59.999", "2024-1-5 01:02:03", "1999-12-31T23:00:00+01", " 2024-01-31 00:00:00 ");
    private static final List<String> NOT_ISO = List.of("2024-13-01", "2023-02-29", "yesterday", "31/01/2024", "2024-01-31T25:00:00", "");

    @Test
    void isoAgreesWithDuckDb() throws Exception {
        TimestampFormat iso = TimestampFormat.parse("iso");
        try (Connection c = DuckDbs.open(null);
             PreparedStatement ps = c.prepareStatement("SELECT epoch_ms(TRY_CAST(trim(?) AS TIMESTAMP))")) {
            for (String s : ISO) {
                ps.setString(1, s);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    assertThat(iso.parseMillis(s)).as(s).isEqualTo(r.getLong(1));
                }
            }
            for (String s : NOT_ISO) {
                assertThat(iso.parseMillis(s)).as(s).isEqualTo(Long.MIN_VALUE);
                ps.setString(1, s);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    r.getLong(1);
                    assertThat(r.wasNull()).as("DuckDB on " + s).isTrue();
                }
            }
        }
    }

    @Test
    void strptimeAndEpochsAgreeWithDuckDb() throws Exception {
        TimestampFormat cert = TimestampFormat.parse("%m/%d/%Y %H:%M:%S");
        TimestampFormat ampm = TimestampFormat.parse("%d %b %Y %I:%M %p");
        try (Connection c = DuckDbs.open(null);
             PreparedStatement ps = c.prepareStatement("SELECT epoch_ms(TRY_STRPTIME(?, ?))")) {
            String[][] cases = {{"%m/%d/%Y %H:%M:%S", "01/02/2010 07:11:45"}, {"%m/%d/%Y %H:%M:%S", "12/31/2011 23:59:59"},
                    {"%d %b %Y %I:%M %p", "05 Mar 2021 12:30 AM"}, {"%d %b %Y %I:%M %p", "05 Mar 2021 01:30 PM"}};
            for (String[] k : cases) {
                ps.setString(1, k[1]);
                ps.setString(2, k[0]);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    TimestampFormat f = k[0].contains("%b") ? ampm : cert;
                    assertThat(f.parseMillis(k[1])).as(k[1]).isEqualTo(r.getLong(1));
                }
            }
        }
        assertThat(cert.parseMillis("13/02/2010 07:11:45")).isEqualTo(Long.MIN_VALUE);
        assertThat(TimestampFormat.parse("epoch_s").parseMillis("1700000000.1234")).isEqualTo(1_700_000_000_123L);
        assertThat(TimestampFormat.parse("epoch_ms").parseMillis("1700000000123")).isEqualTo(1_700_000_000_123L);
        assertThat(TimestampFormat.parse("%Q")).isNull();
    }
}
