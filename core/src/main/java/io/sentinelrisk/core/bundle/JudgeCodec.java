package io.sentinelrisk.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.autoencoder.AutoencoderModel;
import io.sentinelrisk.core.detect.xgboost.XgboostClassifier;
import io.sentinelrisk.core.detect.xgboost.XgboostModel;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.judge.HybridJudge;
import io.sentinelrisk.core.judge.NoveltyFloor;
import io.sentinelrisk.core.judge.NoveltyPrior;
import io.sentinelrisk.core.pipeline.Detectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sentinelrisk.core.bundle.BundleJson.require;

/**
 * The hybrid judge as bundle parts: {@code judge/judge.json} (a {@link JudgeForm}: input names,
 * threshold, the other parts' names, category names, the training summary),
 * {@code judge/booster.json} (XGBoost's own JSON model format), one
 * {@code judge/detector-TYPE.bin} per extra detector and, with the multi-class option,
 * {@code judge/categories.json} (XGBoost's format). The autoencoder is the pipeline's detector
 * part, stored once.
 */
final class JudgeCodec {
    static final String JUDGE = "judge/judge.json";
    static final String BOOSTER = "judge/booster.json";
    static final String CLASSES = "judge/categories.json";

    private JudgeCodec() {
    }

    /** The stored form of {@code judge/judge.json}. */
    @JsonPropertyOrder({"feature_names", "input_names", "threshold", "booster", "detectors", "categories", "classes", "novelty",
        "novelty_floor", "summary"})
    record JudgeForm(@JsonProperty(value = "feature_names", required = true) List<String> featureNames,
                     @JsonProperty(value = "input_names", required = true) List<String> inputNames,
                     @JsonProperty(value = "threshold", required = true) double threshold,
                     @JsonProperty(value = "booster", required = true) String booster,
                     @JsonProperty(value = "detectors", required = true) List<DetectorPart> detectors,
                     @JsonProperty("categories") @JsonInclude(JsonInclude.Include.NON_NULL) String categories,
                     @JsonProperty("classes") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> classes,
                     @JsonProperty("novelty") @JsonInclude(JsonInclude.Include.NON_NULL) NoveltyForm novelty,
                     @JsonProperty("novelty_floor") @JsonInclude(JsonInclude.Include.NON_NULL) FloorForm noveltyFloor,
                     @JsonProperty(value = "summary", required = true) Map<String, Object> summary) {
        JudgeForm {
            featureNames = List.copyOf(require(featureNames, "feature_names"));
            inputNames = List.copyOf(require(inputNames, "input_names"));
            require(booster, "booster");
            detectors = List.copyOf(require(detectors, "detectors"));
            if ((categories == null) != (classes == null)) {
                throw new IllegalArgumentException("categories and classes go together");
            }
            classes = classes == null ? null : List.copyOf(classes);
            summary = Collections.unmodifiableMap(new LinkedHashMap<>(require(summary, "summary")));
        }
    }

    /** The judge's novelty prior (absent in bundles made before it, or with {@code novelty_prior: false}). */
    @JsonPropertyOrder({"inputs", "weights", "bias"})
    record NoveltyForm(@JsonProperty(value = "inputs", required = true) List<String> inputs,
                       @JsonProperty(value = "weights", required = true) List<Double> weights,
                       @JsonProperty(value = "bias", required = true) double bias) {
        NoveltyForm {
            inputs = List.copyOf(require(inputs, "novelty.inputs"));
            weights = List.copyOf(require(weights, "novelty.weights"));
        }

        static NoveltyForm of(NoveltyPrior p) {
            return new NoveltyForm(p.inputs(), java.util.Arrays.stream(p.weights()).boxed().toList(), p.bias());
        }

        NoveltyPrior prior() {
            return new NoveltyPrior(inputs, weights.stream().mapToDouble(Double::doubleValue).toArray(), bias);
        }
    }

    /** The judge's novelty floor (absent in bundles made before it, or with {@code novelty_floor_fpr: 0}). */
    @JsonPropertyOrder({"false_positive_rate", "cut_log_odds"})
    record FloorForm(@JsonProperty(value = "false_positive_rate", required = true) double falsePositiveRate,
                     @JsonProperty(value = "cut_log_odds", required = true) double cut) {
        static FloorForm of(NoveltyFloor f) {
            return new FloorForm(f.falsePositiveRate(), f.cut());
        }

        NoveltyFloor floor() {
            return new NoveltyFloor(falsePositiveRate, cut);
        }
    }

    /** An extra detector: its registry type and its part. */
    @JsonPropertyOrder({"type", "part"})
    record DetectorPart(@JsonProperty(value = "type", required = true) String type,
                        @JsonProperty(value = "part", required = true) String part) {
        DetectorPart {
            require(type, "detectors[].type");
            require(part, "detectors[].part");
        }
    }

    /** Adds the judge's parts to {@code parts} (in a fixed order) and returns the manifest's reference to it. */
    static Manifest.JudgeRef write(HybridJudge judge, Map<String, byte[]> parts) {
        List<DetectorPart> detectors = new ArrayList<>();
        Map<String, byte[]> detectorParts = new LinkedHashMap<>();
        for (Map.Entry<String, FittedDetector> e : judge.detectors().entrySet()) {
            String part = "judge/detector-" + e.getKey() + ".bin";
            detectors.add(new DetectorPart(e.getKey(), part));
            detectorParts.put(part, Detectors.byType(e.getKey()).encode(e.getValue()));
        }
        boolean categories = judge.classifier().isPresent();
        JudgeForm form = new JudgeForm(judge.featureNames(), judge.inputNames(), judge.threshold(), BOOSTER, detectors,
                categories ? CLASSES : null, categories ? judge.classes() : null, judge.novelty().map(NoveltyForm::of).orElse(null),
                judge.floor().map(FloorForm::of).orElse(null), judge.summary());
        parts.put(JUDGE, BundleJson.bytes(form));
        parts.put(BOOSTER, judge.booster().modelBytes());
        parts.putAll(detectorParts);
        judge.classifier().ifPresent(c -> parts.put(CLASSES, c.modelBytes()));
        return new Manifest.JudgeRef(JUDGE, judge.threshold(), judge.inputNames().size());
    }

    static HybridJudge read(Map<String, byte[]> entries, String judgePart, FittedDetector detector, String name) {
        String where = name + "!" + judgePart;
        if (!(detector instanceof AutoencoderModel autoencoder)) {
            throw new InputException(InputLocation.file(name), "inconsistent bundle: a judge needs the autoencoder as the detector, found "
                    + detector.type());
        }
        JudgeForm form = BundleJson.read(part(entries, judgePart, name), JudgeForm.class, where, "part");
        Map<String, FittedDetector> detectors = new LinkedHashMap<>();
        for (DetectorPart d : form.detectors()) {
            DetectorFactory f;
            try {
                f = Detectors.byType(d.type());
            } catch (InputException e) {
                throw BundleJson.corrupt(where, "part", e.getMessage());
            }
            detectors.put(d.type(), f.decode(part(entries, d.part(), name), name + "!" + d.part()));
        }
        FittedDetector booster = Detectors.byType("xgboost").decode(part(entries, form.booster(), name), name + "!" + form.booster());
        XgboostClassifier classifier = null;
        List<String> classes = List.of();
        if (form.categories() != null) {
            classes = form.classes();
            classifier = XgboostClassifier.load(part(entries, form.categories(), name), classes.size(),
                    name + "!" + form.categories());
        }
        try {
            HybridJudge judge = new HybridJudge(autoencoder, form.featureNames(), detectors, (XgboostModel) booster,
                    form.threshold(), form.summary(), classifier, classes, form.novelty() == null ? null : form.novelty().prior(),
                    form.noveltyFloor() == null ? null : form.noveltyFloor().floor());
            if (!judge.inputNames().equals(form.inputNames())) {
                throw BundleJson.corrupt(where, "part", "the judge's input names do not match its parts");
            }
            return judge;
        } catch (IllegalArgumentException e) {
            throw BundleJson.corrupt(where, "part", e.getMessage());
        }
    }

    private static byte[] part(Map<String, byte[]> entries, String part, String name) {
        byte[] b = entries.get(part);
        if (b == null) {
            throw new InputException(InputLocation.file(name), "bundle is missing part " + part);
        }
        return b;
    }
}
