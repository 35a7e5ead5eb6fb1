package io.sentinelrisk.core.detect.iforest;

/**
 * Whether this JVM compiles with the quick compiler (C1) alone: {@code bin/sentinel} runs small
 * inputs with {@code -XX:TieredStopAtLevel=1} and says so with {@code -Dsentinel.c1only=true}
 * (asking the JVM itself through its management beans costs ~50 ms of start-up). The forest picks
 * its walk by it ({@link CompleteForest}); both walks give the same results, so a wrong answer
 * only costs speed.
 */
final class JitTier {
    static final String PROPERTY = "sentinel.c1only";

    private JitTier() {
    }

    static boolean quickOnly() {
        return Boolean.getBoolean(PROPERTY);
    }
}
