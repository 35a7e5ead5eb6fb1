package io.sentinelrisk.synth;

import io.sentinelrisk.core.error.InputException;

import java.util.Locale;

/**
 * How hard the generated data is for a detector (docs/synth.md). {@code normal}: attacks stand far
 * outside normal behaviour on the features that define them. {@code hard}: attacks stay inside
 * the normal range on most features (the signal is in a combination or in a windowed feature),
 * normal users are noisier (more failures, untrusted devices, scattered hours, wider amounts,
 * legitimate roaming), and by default 2% of the {@code label} values are wrong.
 */
public enum Difficulty {
    NORMAL, HARD;

    /** Share of wrong labels a difficulty plants unless {@code --label-noise} says otherwise. */
    public double defaultLabelNoise() {
        return this == HARD ? 0.02 : 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Difficulty parse(String text) {
        for (Difficulty d : values()) {
            if (d.id().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new InputException("--difficulty: expected normal or hard, found '" + text + "'");
    }

    /** Checks a label-noise share. */
    public static double checkNoise(double noise) {
        if (!(noise >= 0 && noise <= 0.5)) {
            throw new InputException("--label-noise: expected a number in [0, 0.5], found " + noise);
        }
        return noise;
    }
}
