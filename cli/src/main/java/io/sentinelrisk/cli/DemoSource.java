package io.sentinelrisk.cli;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.synth.metrics.MetricsConfig;
import io.sentinelrisk.synth.metrics.MetricsGenerator;
import io.sentinelrisk.synth.soc.SocAttack;
import io.sentinelrisk.synth.soc.SocConfig;
import io.sentinelrisk.synth.soc.SocGenerator;
import io.sentinelrisk.synth.transactions.TransactionConfig;
import io.sentinelrisk.synth.transactions.TransactionGenerator;
import io.sentinelrisk.synth.web.WebSessionConfig;
import io.sentinelrisk.synth.web.WebSessionGenerator;

import java.time.Instant;
import java.util.EnumSet;

/**
 * The four sources of {@code sentinel demo --serve}, one per generator: the source name events
 * carry, the feature pack and business mapping pack its demo model is trained with, and the data.
 * One generated data set covers {@link #days}: its first {@link #TRAIN_SHARE} (in time) trains
 * the model (a few thousand rows: seconds), the rest is the live stream, so the live events
 * come from the same users, cards and series the model learned, each continuing in time.
 */
enum DemoSource {
    SOC("soc", "pack:soc", "pack:soc", 30) {
        @Override
        Frame generate(Instant start, long seed) {
            return SocGenerator.generate(new SocConfig(100, 200, 0.01, 0.10, days, start,
                    EnumSet.allOf(SocAttack.class), seed)).events();
        }
    },
    TRANSACTIONS("transactions", "pack:transactions", "pack:transactions", 30) {
        @Override
        Frame generate(Instant start, long seed) {
            return TransactionGenerator.generate(new TransactionConfig(300, 60, 0.01, days, start, seed));
        }
    },
    WEB_SESSIONS("web-sessions", null, "pack:web-session", 10) {
        @Override
        Frame generate(Instant start, long seed) {
            return WebSessionGenerator.generate(new WebSessionConfig(20_000, 0.02, days, start, seed));
        }
    },
    METRICS("metrics", "pack:metrics", "pack:metrics", 30) {
        @Override
        Frame generate(Instant start, long seed) {
            // 3 series of 8,640 five-minute points (30 days) with 30 spikes, 2 level shifts and 2 drifts each
            return MetricsGenerator.generate(new MetricsConfig(3, 8640, 300, 30, 2, 2, start, seed));
        }
    };

    /** The share of a data set's period (its beginning) the model is trained on. */
    static final double TRAIN_SHARE = 0.2;

    /** The source name events and alerts carry. */
    final String source;
    /** Feature pack the model computes per entity, or null for none. */
    final String features;
    /** Business mapping pack of its alerts. */
    final String mapping;
    /** Days one generated data set covers. */
    final int days;

    DemoSource(String source, String features, String mapping, int days) {
        this.source = source;
        this.features = features;
        this.mapping = mapping;
        this.days = days;
    }

    /** Labelled rows (with label and scenario columns) from {@code start} over {@link #days}. */
    abstract Frame generate(Instant start, long seed);

    /** When training ends and the live stream begins, for a data set starting at {@code start}. */
    Instant split(Instant start) {
        return start.plusSeconds((long) (days * 86_400L * TRAIN_SHARE));
    }
}
