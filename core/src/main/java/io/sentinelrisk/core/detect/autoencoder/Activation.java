package io.sentinelrisk.core.detect.autoencoder;

import java.util.Locale;

/** Hidden-layer activations; derivatives are written in terms of the activation's output. */
public enum Activation {
    RELU {
        @Override
        double apply(double z) {
            return Math.max(z, 0.0);
        }

        @Override
        double derivativeFromOutput(double a) {
            return a > 0 ? 1 : 0;
        }

        @Override
        void applyInPlace(double[] z, int from, int to) {
            for (int k = from; k < to; k++) {
                z[k] = Math.max(z[k], 0.0);
            }
        }

        @Override
        void backpropInPlace(double[] delta, double[] a, int from, int to) {
            for (int k = from; k < to; k++) {
                // signum of a ReLU output is its derivative, 0 or 1, without a branch per unit
                delta[k] *= Math.signum(a[k]);
            }
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

        @Override
        void applyInPlace(double[] z, int from, int to) {
            for (int k = from; k < to; k++) {
                z[k] = Math.tanh(z[k]);
            }
        }

        @Override
        void backpropInPlace(double[] delta, double[] a, int from, int to) {
            for (int k = from; k < to; k++) {
                delta[k] *= 1 - a[k] * a[k];
            }
        }
    };

    abstract double apply(double z);

    abstract double derivativeFromOutput(double a);

    /** {@link #apply} on {@code z[from..to)}, in place: one call per block instead of one per unit. */
    abstract void applyInPlace(double[] z, int from, int to);

    /**
     * Multiplies {@code delta[k]} by the derivative at the output {@code a[k]}, for k in
     * {@code [from, to)}: {@code delta[k] * derivativeFromOutput(a[k])} for finite values.
     */
    abstract void backpropInPlace(double[] delta, double[] a, int from, int to);

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Activation byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
