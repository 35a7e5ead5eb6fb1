package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;
import java.util.Objects;

/**
 * The hyper-parameters of the autoencoder (a dense MLP trained with Adam to reconstruct its input).
 *
 * @param hiddenLayers       {@code hidden_layers}: widths ≥ 1, at least one layer (default [32, 16, 32])
 * @param activation         {@code activation}: relu or tanh (default relu)
 * @param learningRate       {@code learning_rate}: Adam step size, > 0 (default {@value #DEFAULT_LEARNING_RATE})
 * @param beta1              {@code beta1}: in [0, 1) (default {@value #DEFAULT_BETA1})
 * @param beta2              {@code beta2}: in [0, 1) (default {@value #DEFAULT_BETA2})
 * @param epsilon            {@code epsilon}: > 0 (default {@value #DEFAULT_EPSILON})
 * @param epochs             {@code epochs}: ≥ 1 (default {@value #DEFAULT_EPOCHS})
 * @param batchSize          {@code batch_size}: ≥ 1 (default {@value #DEFAULT_BATCH_SIZE})
 * @param validationFraction {@code validation_fraction}: in [0, 1) (default {@value #DEFAULT_VALIDATION_FRACTION})
 * @param patience           {@code patience}: ≥ 1 (default {@value #DEFAULT_PATIENCE})
 */
public record AutoencoderParams(List<Integer> hiddenLayers, Activation activation, double learningRate, double beta1,
                                double beta2, double epsilon, int epochs, int batchSize, double validationFraction,
                                int patience) implements DetectorParams {
    public static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(32, 16, 32);
    public static final Activation DEFAULT_ACTIVATION = Activation.RELU;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_BETA1 = 0.9;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_EPSILON = 1e-8;
    public static final int DEFAULT_EPOCHS = 20;
    public static final int DEFAULT_BATCH_SIZE = 256;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final int DEFAULT_PATIENCE = 5;

    public static final AutoencoderParams DEFAULTS = new AutoencoderParams(DEFAULT_HIDDEN_LAYERS, DEFAULT_ACTIVATION,
            DEFAULT_LEARNING_RATE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, DEFAULT_EPOCHS, DEFAULT_BATCH_SIZE,
            DEFAULT_VALIDATION_FRACTION, DEFAULT_PATIENCE);

    public AutoencoderParams {
        String t = AutoencoderFactory.TYPE;
        hiddenLayers = ParamChecks.intListAllAtLeast(t, "hidden_layers", hiddenLayers, 1, 1);
        Objects.requireNonNull(activation, "activation");
        ParamChecks.doubleAtLeast(t, "learning_rate", learningRate, 0, false);
        ParamChecks.doubleIn(t, "beta1", beta1, 0, true, 1, false);
        ParamChecks.doubleIn(t, "beta2", beta2, 0, true, 1, false);
        ParamChecks.doubleAtLeast(t, "epsilon", epsilon, 0, false);
        ParamChecks.intAtLeast(t, "epochs", epochs, 1);
        ParamChecks.intAtLeast(t, "batch_size", batchSize, 1);
        ParamChecks.doubleIn(t, "validation_fraction", validationFraction, 0, true, 1, false);
        ParamChecks.intAtLeast(t, "patience", patience, 1);
    }
}
