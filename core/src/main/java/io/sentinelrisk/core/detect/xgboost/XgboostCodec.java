package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import java.io.IOException;
import java.util.List;

/**
 * How a fitted {@code XgboostModel} is stored as a bundle part and read back: XGBoost's own JSON
 * model format; a part that does not load is an InputException naming it.
 */
final class XgboostCodec {
    private XgboostCodec() {
    }

    static byte[] encode(FittedDetector model) {
        return ((XgboostModel) model).modelBytes();
    }

    static XgboostModel decode(byte[] bytes, String partName) {
        // XGBoost's JSON model starts with '{'; refuse anything else before it reaches native code
        if (bytes.length < 2 || bytes[0] != '{' || bytes[bytes.length - 1] != '}') {
            throw corrupt(partName, "expected an XGBoost JSON model", null);
        }
        try {
            return XgboostThread.call(() -> {
                Booster booster;
                try {
                    booster = XGBoost.loadModel(bytes);
                } catch (XGBoostError | IOException | RuntimeException e) {
                    throw corrupt(partName, "XGBoost cannot load it: " + firstLine(e.getMessage()), e);
                }
                return XgboostModel.loaded(booster, bytes);
            });
        } catch (XGBoostError e) {
            throw corrupt(partName, "XGBoost cannot read it: " + firstLine(e.getMessage()), e);
        }
    }

    private static InputException corrupt(String partName, String what, Throwable cause) {
        return new InputException(InputLocation.file(partName), "corrupt bundle part: " + what, cause);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
