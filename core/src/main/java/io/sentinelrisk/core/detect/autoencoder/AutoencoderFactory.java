package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * {@code autoencoder}: a dense autoencoder trained to reconstruct the prepared rows; rows it
 * reconstructs badly are anomalous. Pure Java, deterministic for a seed.
 */
public final class AutoencoderFactory implements DetectorFactory {
    public static final String TYPE = "autoencoder";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Dense autoencoder (Adam, early stopping); score = per-row reconstruction MSE; the middle hidden layer gives embeddings";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofIntList("hidden_layers", AutoencoderParams.DEFAULT_HIDDEN_LAYERS, "widths of the hidden layers; the middle "
                        + "one (index (count-1)/2) is the bottleneck whose activations are the embeddings"),
                ParamSpec.ofChoice("activation", AutoencoderParams.DEFAULT_ACTIVATION.configName(), "hidden-layer activation (the output layer is linear)", "relu", "tanh"),
                ParamSpec.ofDouble("learning_rate", AutoencoderParams.DEFAULT_LEARNING_RATE, "Adam step size (> 0)"),
                ParamSpec.ofDouble("beta1", AutoencoderParams.DEFAULT_BETA1, "Adam decay of the first moment, in [0, 1)"),
                ParamSpec.ofDouble("beta2", AutoencoderParams.DEFAULT_BETA2, "Adam decay of the second moment, in [0, 1)"),
                ParamSpec.ofDouble("epsilon", AutoencoderParams.DEFAULT_EPSILON, "Adam denominator term (> 0)"),
                ParamSpec.ofInt("epochs", AutoencoderParams.DEFAULT_EPOCHS, "maximum passes over the training rows (≥ 1)"),
                ParamSpec.ofInt("batch_size", AutoencoderParams.DEFAULT_BATCH_SIZE, "rows per Adam step (≥ 1)"),
                ParamSpec.ofDouble("validation_fraction", AutoencoderParams.DEFAULT_VALIDATION_FRACTION, "fraction of training rows (seeded) held out to "
                        + "stop early and pick the best epoch, in [0, 1); 0 trains all epochs on all rows"),
                ParamSpec.ofInt("patience", AutoencoderParams.DEFAULT_PATIENCE, "stop after this many epochs without a lower validation loss (≥ 1)"));
    }

    @Override
    public AutoencoderParams paramsOf(Params params) {
        return new AutoencoderParams(params.getIntList("hidden_layers"),
                Activation.byConfigName(params.getString("activation")),
                params.getDouble("learning_rate"), params.getDouble("beta1"), params.getDouble("beta2"),
                params.getDouble("epsilon"), params.getInt("epochs"), params.getInt("batch_size"),
                params.getDouble("validation_fraction"), params.getInt("patience"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new AutoencoderTrainer(paramsOf(params), seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return AutoencoderCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return AutoencoderCodec.decode(bytes, partName);
    }
}
