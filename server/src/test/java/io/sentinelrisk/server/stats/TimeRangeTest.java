package io.sentinelrisk.server.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A range that ends now holds what was stamped in the request's own millisecond. */
class TimeRangeTest {
    private static final long NOW = 1_765_000_000_123L;
    private static final long HOUR = 3_600_000L;

    @Test
    void aDefaultEndHoldsWhatWasStampedNow() {
        TimeRange r = TimeRange.of(NOW - HOUR, null, "minute", NOW);
        // a verdict committed in the same millisecond as the request that reads it
        assertThat(NOW).isGreaterThanOrEqualTo(r.from()).isLessThan(r.to());
        assertThat(r.to()).isEqualTo(NOW + 1);
    }

    @Test
    void aGivenEndStaysExclusive() {
        TimeRange r = TimeRange.of(NOW - HOUR, NOW, "minute", NOW + 5_000);
        assertThat(r.to()).isEqualTo(NOW);
    }

    @Test
    void theDefaultSpanIsADayOfHours() {
        TimeRange r = TimeRange.of(null, null, null, NOW);
        assertThat(r.bucket()).isEqualTo(TimeRange.Bucket.HOUR);
        assertThat(r.to() - r.from()).isBetween(24 * HOUR, 25 * HOUR);
    }
}
