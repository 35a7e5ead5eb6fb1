package io.sentinelrisk.core.evaluate.nab;

import java.util.List;

/**
 * One of the Numenta Anomaly Benchmark's application profiles: the weights of its cost matrix.
 * The true-negative weight is carried for completeness; NAB's scoring never uses it.
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight, double tnWeight) {

    /** NAB's config/profiles.json. */
    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0, 1.0);
    public static final NabProfile REWARD_LOW_FP_RATE = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0, 1.0);
    public static final NabProfile REWARD_LOW_FN_RATE = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0, 1.0);

    public static List<NabProfile> all() {
        return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
    }

    public static NabProfile named(String name) {
        for (NabProfile p : all()) {
            if (p.name.equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown NAB profile '" + name + "', expected one of standard, "
                + "reward_low_FP_rate, reward_low_FN_rate");
    }
}
