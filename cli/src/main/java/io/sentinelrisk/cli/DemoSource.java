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
 * Small on purpose (a few thousand rows: each model trains in seconds). Live data plants more
 * anomalies than training data, so that alerts keep arriving.
 */
enum DemoSource {
    SOC("soc", "pack:soc", "pack:soc", 14) {
        @Override
        Frame generate(Instant start, long seed, boolean live) {
            return SocGenerator.generate(new SocConfig(100, 40, live ? 0.03 : 0.01, 0.10, days, start,
                    EnumSet.allOf(SocAttack.class), seed)).events();
        }
    },
    TRANSACTIONS("transactions", "pack:transactions", "pack:transactions", 14) {
        @Override
        Frame generate(Instant start, long seed, boolean live) {
            return TransactionGenerator.generate(new TransactionConfig(300, 15, live ? 0.03 : 0.01, days, start, seed));
        }
    },
    WEB_SESSIONS("web-sessions", null, "pack:web-session", 7) {
        @Override
        Frame generate(Instant start, long seed, boolean live) {
            return WebSessionGenerator.generate(new WebSessionConfig(4000, live ? 0.04 : 0.02, days, start, seed));
        }
    },
    METRICS("metrics", "pack:metrics", "pack:metrics", 5) {
        @Override
        Frame generate(Instant start, long seed, boolean live) {
            // 3 series of 1,440 five-minute points: five days
            return MetricsGenerator.generate(new MetricsConfig(3, 1440, 300, live ? 12 : 5, 1, 1, start, seed));
        }
    };

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
    abstract Frame generate(Instant start, long seed, boolean live);
}
