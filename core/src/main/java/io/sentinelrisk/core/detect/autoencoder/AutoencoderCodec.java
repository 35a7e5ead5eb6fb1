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
 * How a fitted {@code AutoencoderModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class AutoencoderCodec {
    static final String MAGIC = "AENC";
    static final int VERSION = 1;

    private AutoencoderCodec() {
    }

    static byte[] encode(FittedDetector model) {
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

    static AutoencoderModel decode(byte[] bytes, String partName) {
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
