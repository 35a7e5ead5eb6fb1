package io.sentinelrisk.core.detect.ocsvm;

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
 * How a fitted {@code OcsvmModel} is stored as a bundle part and read back: a versioned binary
 * layout ({@code codec.BinaryWriter}); a part that does not decode is an InputException naming it.
 */
final class OcsvmCodec {
    static final String MAGIC = "OSVM";
    static final int VERSION = 1;

    private OcsvmCodec() {
    }

    static byte[] encode(FittedDetector model) {
        OcsvmModel m = (OcsvmModel) model;
        return new BinaryWriter(MAGIC, VERSION)
                .writeInt(m.featureCount())
                .writeString(m.kernel().configName())
                .writeDouble(m.gamma())
                .writeInt(m.degree())
                .writeDouble(m.coef0())
                .writeDouble(m.rho())
                .writeDoubles(m.coefficients())
                .writeDoubles(m.supportVectors())
                .toByteArray();
    }

    static OcsvmModel decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        SvmKernel kernel;
        try {
            kernel = SvmKernel.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown kernel");
        }
        double gamma = r.readDouble();
        int degree = r.readInt();
        double coef0 = r.readDouble();
        double rho = r.readDouble();
        double[] coef = r.readDoubles();
        double[] sv = r.readDoubles();
        r.expectEnd();
        if (d < 1 || degree < 0 || !Double.isFinite(gamma) || !Double.isFinite(coef0) || !Double.isFinite(rho)
                || coef.length < 1 || (long) coef.length * d != sv.length) {
            throw r.corrupt("inconsistent model (features " + d + ", " + coef.length + " coefficients, "
                    + sv.length + " support vector values)");
        }
        return new OcsvmModel(d, kernel, gamma, degree, coef0, rho, coef, sv);
    }
}
