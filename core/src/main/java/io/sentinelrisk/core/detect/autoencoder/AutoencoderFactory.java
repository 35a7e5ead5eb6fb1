package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
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
    private static final String MAGIC = "AENC";
    private static final int VERSION = 1;

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
                ParamSpec.ofIntList("hidden_layers", List.of(32, 16, 32), "widths of the hidden layers; the middle "
                        + "one (index (count-1)/2) is the bottleneck whose activations are the embeddings"),
                ParamSpec.ofChoice("activation", "relu", "hidden-layer activation (the output layer is linear)", "relu", "tanh"),
                ParamSpec.ofDouble("learning_rate", 1e-3, "Adam step size (> 0)"),
                ParamSpec.ofDouble("beta1", 0.9, "Adam decay of the first moment, in [0, 1)"),
                ParamSpec.ofDouble("beta2", 0.999, "Adam decay of the second moment, in [0, 1)"),
                ParamSpec.ofDouble("epsilon", 1e-8, "Adam denominator term (> 0)"),
                ParamSpec.ofInt("epochs", 20, "maximum passes over the training rows (≥ 1)"),
                ParamSpec.ofInt("batch_size", 256, "rows per Adam step (≥ 1)"),
                ParamSpec.ofDouble("validation_fraction", 0.1, "fraction of training rows (seeded) held out to "
                        + "stop early and pick the best epoch, in [0, 1); 0 trains all epochs on all rows"),
                ParamSpec.ofInt("patience", 5, "stop after this many epochs without a lower validation loss (≥ 1)"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        ParamChecks c = ParamChecks.of(params, TYPE);
        int[] hidden = c.intListAllAtLeast("hidden_layers", 1, 1).stream().mapToInt(Integer::intValue).toArray();
        return new AutoencoderTrainer(hidden,
                Activation.byConfigName(params.getString("activation")),
                c.doubleAtLeast("learning_rate", 0, false),
                c.doubleIn("beta1", 0, true, 1, false),
                c.doubleIn("beta2", 0, true, 1, false),
                c.doubleAtLeast("epsilon", 0, false),
                c.intAtLeast("epochs", 1),
                c.intAtLeast("batch_size", 1),
                c.doubleIn("validation_fraction", 0, true, 1, false),
                c.intAtLeast("patience", 1),
                seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        AutoencoderModel m = (AutoencoderModel) model;
        TrainingSummary s = m.summary();
        return new BinaryWriter(MAGIC, VERSION)
                .writeInts(m.layerSizes())
                .writeString(m.activation().configName())
                .writeDoubles(m.parameters())
                .writeInt(s.epochsRun())
                .writeInt(s.bestEpoch())
                .writeDouble(s.trainLoss())
                .writeDouble(s.bestValidationLoss())
                .toByteArray();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int[] sizes = r.readInts();
        Activation activation;
        try {
            activation = Activation.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown activation");
        }
        double[] p = r.readDoubles();
        TrainingSummary s = new TrainingSummary(r.readInt(), r.readInt(), r.readDouble(), r.readDouble());
        r.expectEnd();
        if (sizes.length < 3 || sizes[0] != sizes[sizes.length - 1]) {
            throw r.corrupt("bad layer sizes");
        }
        long count = 0;
        for (int l = 0; l < sizes.length; l++) {
            if (sizes[l] < 1) {
                throw r.corrupt("bad layer sizes");
            }
            if (l > 0) {
                count += (long) sizes[l - 1] * sizes[l] + sizes[l];
            }
        }
        if (count != p.length) {
            throw r.corrupt("expected " + count + " parameters for layers " + java.util.Arrays.toString(sizes) + ", found " + p.length);
        }
        for (double v : p) {
            if (!Double.isFinite(v)) {
                throw r.corrupt("non-finite weight");
            }
        }
        return new AutoencoderModel(sizes, activation, p, s);
    }
}
