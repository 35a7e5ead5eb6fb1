package io.sentinelrisk.server.web;

import io.sentinelrisk.server.stats.TimeRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's ranges end just after now and keep their span and their buckets. */
class StatsPagesRangeTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void sixHoursInMinutesEndingJustAfterNow() {
        long before = System.currentTimeMillis();
        TimeRange r = StatsPages.timeRange("6h");
        long after = System.currentTimeMillis();
        assertThat(r.bucket()).isEqualTo(TimeRange.Bucket.MINUTE);
        assertThat(r.to()).isBetween(before + 1, after + 1);
        // from is moved back to a minute boundary: the span is 6 hours and less than a minute more
        assertThat(r.to() - r.from()).isBetween(6 * HOUR, 6 * HOUR + 60_000);
    }
}
