package io.sentinelrisk.core.bundle;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.autoencoder.AutoencoderModel;
import io.sentinelrisk.core.detect.xgboost.XgboostClassifier;
import io.sentinelrisk.core.detect.xgboost.XgboostModel;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.judge.HybridJudge;
import io.sentinelrisk.core.pipeline.Detectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hybrid judge as bundle parts: {@code judge/judge.json} (input names, threshold, the
 * detectors' part names, the training summary), {@code judge/booster.json} (XGBoost's own JSON
 * model format) and one {@code judge/detector-TYPE.bin} per extra detector. The autoencoder is
 * the pipeline's detector part, stored once.
 */
final class JudgeCodec {
    static final String JUDGE = "judge/judge.json";
    static final String BOOSTER = "judge/booster.json";
    static final String CLASSES = "judge/categories.json";

    private JudgeCodec() {
    }

    /** Adds the judge's parts to {@code parts} (in a fixed order) and returns the manifest's summary of it. */
    static Manifest.JudgeRef write(HybridJudge judge, Map<String, byte[]> parts) {
        List<Map<String, Object>> detectors = new ArrayList<>();
        Map<String, byte[]> detectorParts = new LinkedHashMap<>();
        for (Map.Entry<String, FittedDetector> e : judge.detectors().entrySet()) {
            String part = "judge/detector-" + e.getKey() + ".bin";
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("type", e.getKey());
            d.put("part", part);
            detectors.add(d);
            detectorParts.put(part, Detectors.byType(e.getKey()).encode(e.getValue()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature_names", judge.featureNames());
        m.put("input_names", judge.inputNames());
        m.put("threshold", judge.threshold());
        m.put("booster", BOOSTER);
        m.put("detectors", detectors);
        judge.classifier().ifPresent(c -> {
            m.put("categories", CLASSES);
            m.put("classes", judge.classes());
        });
        m.put("summary", judge.summary());
        parts.put(JUDGE, Json.bytes(m));
        parts.put(BOOSTER, judge.booster().modelBytes());
        parts.putAll(detectorParts);
        judge.classifier().ifPresent(c -> parts.put(CLASSES, c.modelBytes()));
        return new Manifest.JudgeRef(JUDGE, judge.threshold(), judge.inputNames().size());
    }

    @SuppressWarnings("unchecked")
    static HybridJudge read(Map<String, byte[]> entries, String judgePart, FittedDetector detector, String name) {
        String where = name + "!" + judgePart;
        if (!(detector instanceof AutoencoderModel autoencoder)) {
            throw new InputException(InputLocation.file(name), "inconsistent bundle: a judge needs the autoencoder as the detector, found "
                    + detector.type());
        }
        Map<String, Object> m = Json.readObject(require(entries, judgePart, name), where);
        List<String> features = PipelineCodec.strings(m.get("feature_names"), where);
        double threshold = PipelineCodec.number(m, "threshold", where);
        Map<String, FittedDetector> detectors = new LinkedHashMap<>();
        for (Object o : PipelineCodec.list(m.get("detectors"), where, "detectors")) {
            Map<String, Object> d = PipelineCodec.map(o, where, "detectors[]");
            String type = PipelineCodec.string(d, "type", where);
            String part = PipelineCodec.string(d, "part", where);
            DetectorFactory f;
            try {
                f = Detectors.byType(type);
            } catch (InputException e) {
                throw PipelineCodec.corrupt(where, e.getMessage());
            }
            detectors.put(type, f.decode(require(entries, part, name), name + "!" + part));
        }
        String boosterPart = PipelineCodec.string(m, "booster", where);
        FittedDetector booster = Detectors.byType("xgboost").decode(require(entries, boosterPart, name), name + "!" + boosterPart);
        Map<String, Object> summary = PipelineCodec.map(m.get("summary"), where, "summary");
        XgboostClassifier classifier = null;
        List<String> classes = List.of();
        if (m.containsKey("categories")) {
            String part = PipelineCodec.string(m, "categories", where);
            classes = PipelineCodec.strings(m.get("classes"), where);
            classifier = XgboostClassifier.load(require(entries, part, name), classes.size(), name + "!" + part);
        }
        try {
            HybridJudge judge = new HybridJudge(autoencoder, features, detectors, (XgboostModel) booster, threshold, summary,
                    classifier, classes);
            if (!judge.inputNames().equals(PipelineCodec.strings(m.get("input_names"), where))) {
                throw PipelineCodec.corrupt(where, "the judge's input names do not match its parts");
            }
            return judge;
        } catch (IllegalArgumentException e) {
            throw PipelineCodec.corrupt(where, e.getMessage());
        }
    }

    private static byte[] require(Map<String, byte[]> entries, String part, String name) {
        byte[] b = entries.get(part);
        if (b == null) {
            throw new InputException(InputLocation.file(name), "bundle is missing part " + part);
        }
        return b;
    }
}
