package io.sentinelrisk.core.detect.autoencoder;

import java.util.Locale;

/** Hidden-layer activations; derivatives are written in terms of the activation's output. */
public enum Activation {
    RELU {
        @Override
        double apply(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        double derivativeFromOutput(double a) {
            return a > 0 ? 1 : 0;
        }
    },
    TANH {
        @Override
        double apply(double z) {
            return Math.tanh(z);
        }

        @Override
        double derivativeFromOutput(double a) {
            return 1 - a * a;
        }
    };

    abstract double apply(double z);

    abstract double derivativeFromOutput(double a);

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
