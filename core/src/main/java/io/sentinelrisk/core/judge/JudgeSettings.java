package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.xgboost.EarlyStopping;
import io.sentinelrisk.core.detect.xgboost.XgboostFactory;
import io.sentinelrisk.core.detect.xgboost.XgboostParams;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of the judge stage ({@code judge:} section): which unsupervised detectors add their
 * scores, how the validation split and the threshold are chosen, and XGBoost's own
 * hyper-parameters (written in the same section, named as in {@code XGBClassifier}).
 *
 * @param detectors          config names of unsupervised detectors whose scores are judge inputs
 * @param validationFraction share of the labelled rows held out (stratified, seeded) to choose the threshold
 * @param thresholdRule      {@code max_f1} or {@code min_recall} (see {@link ThresholdRule})
 * @param minRecall          for {@code min_recall}: the recall the threshold must keep on the validation rows
 * @param validationLabels   {@code as_given}, or {@code confident}: the threshold is chosen on the validation rows whose label
 *                           the probabilities do not confidently contradict ({@link ThresholdRule#confidentRows})
 * @param trainingLabels     {@code as_given}, or {@code confident}: the booster learns only from the training rows whose label
 *                           out-of-fold probabilities do not confidently contradict ({@link LabelPruning})
 * @param classColumn        a column of categories (e.g. {@code scenario}) the judge also learns to predict, or null
 * @param noveltyPrior       whether the probability is the noisy-OR of the booster's and the novelty prior's ({@link NoveltyPrior})
 * @param noveltyPriorMinAuc the novelty prior is combined only when its own ROC AUC on the validation rows reaches this; 0 = always
 * @param monotoneNovelty    whether the booster's trees are kept non-decreasing in the novelty signals
 * @param noveltyFloorFpr    the novelty floor's false-positive rate on normal validation rows ({@link NoveltyFloor}); 0 = no floor
 * @param earlyStoppingRounds XGBoost's early stopping on the validation rows: the booster keeps the rounds up to their
 *                           lowest log loss once it has not improved for this many rounds; 0 = {@code n_estimators} rounds
 * @param xgboost            XGBoost's parameters
 */
public record JudgeSettings(List<String> detectors, double validationFraction, String thresholdRule, double minRecall,
                            String validationLabels, String trainingLabels, String classColumn, boolean noveltyPrior, double noveltyPriorMinAuc, boolean monotoneNovelty, double noveltyFloorFpr,
                            int earlyStoppingRounds, Params xgboost) {

    public static final List<ParamSpec> OWN = List.of(
            ParamSpec.ofStringList("detectors", List.of("iforest"),
                    "unsupervised detectors (default parameters) fitted on the normal-looking rows; their scores are judge inputs"),
            ParamSpec.ofDouble("validation_fraction", 0.25,
                    "share of the labelled rows held out (stratified, seeded) to choose the threshold and report validation metrics"),
            ParamSpec.ofChoice("threshold_rule", "calibrated_f1",
                    "calibrated_f1: half the best F1 reached on the validation rows (the F1-optimal threshold of calibrated "
                            + "probabilities); max_f1: the probability threshold with the best F1 on the validation rows; "
                            + "min_recall: the highest threshold whose validation recall is at least min_recall",
                    "calibrated_f1", "max_f1", "min_recall"),
            ParamSpec.ofDouble("min_recall", 0.8, "recall the min_recall threshold rule keeps on the validation rows, in (0, 1]"),
            ParamSpec.ofChoice("validation_labels", "confident",
                    "as_given: the threshold rule reads every validation row; confident: only those whose label the "
                            + "probabilities do not confidently contradict (confident learning), so wrong labels do not move "
                            + "the threshold",
                    "as_given", "confident"),
            ParamSpec.ofChoice("training_labels", "as_given",
                    "as_given: the booster learns from every labelled training row; confident: only from those whose label "
                            + "out-of-fold probabilities (5 folds) do not confidently contradict (confident learning), so wrong "
                            + "labels are not learnt. Plain XGBoost in the evaluation gets the same",
                    "as_given", "confident"),
            ParamSpec.ofOptionalString("class_column",
                    "multi-class option: a column of categories (e.g. scenario) learnt from the truly labelled training rows; "
                            + "every record then gets a predicted_class"),
            ParamSpec.ofBoolean("novelty_prior", true,
                    "combine the booster's probability with a probability calibrated on the novelty signals alone (the autoencoder's "
                            + "error and the detectors' scores), so attacks of a kind the labels never showed are still flagged"),
            ParamSpec.ofDouble("novelty_prior_min_auc", 0.9,
                    "combine the novelty prior only when its own ROC AUC on the validation rows reaches this, in [0, 1): where "
                            + "the novelty signals barely separate the labels the prior adds probability to odd normal rows; "
                            + "0 = always; with novelty_floor_fpr set the prior always stays"),
            ParamSpec.ofBoolean("monotone_novelty", false,
                    "keep the booster's probability non-decreasing in the novelty signals (the autoencoder's error and the "
                            + "detectors' scores): a row odder than another, all else equal, is never judged less likely an attack"),
            ParamSpec.ofDouble("novelty_floor_fpr", 0.0,
                    "novelty floor: also flag every row whose novelty probability exceeds that of all but this share of the "
                            + "normal validation rows (a false-positive budget for attack kinds no label showed); 0 = off, "
                            + "else in (0, 0.1], needs novelty_prior"),
            ParamSpec.ofInt("early_stopping_rounds", 20,
                    "XGBoost's early stopping on the validation rows: keep the boosting rounds up to their lowest log loss, "
                            + "stopping once it has not improved for this many rounds (n_estimators is then the most); "
                            + "0 = n_estimators rounds. Plain XGBoost in the evaluation gets the same"));

    /** Every key of the section: the judge's own, then XGBoost's. */
    public static List<ParamSpec> specs(DetectorCatalog catalog) {
        List<ParamSpec> out = new ArrayList<>(OWN);
        out.addAll(catalog.byType("xgboost").params());
        return out;
    }

    public static JudgeSettings defaults(DetectorCatalog catalog) {
        return of(Map.of(), catalog, "defaults", key -> null);
    }

    /** Validates a parsed {@code judge:} section; errors name the key and where it was written. */
    public static JudgeSettings of(Map<String, ?> raw, DetectorCatalog catalog, String where,
                                   Function<String, InputLocation> locator) {
        Params all = Params.parse(raw, specs(catalog), where, locator);
        Map<String, Object> xgb = new LinkedHashMap<>();
        DetectorFactory xgboost = catalog.byType("xgboost");
        for (ParamSpec s : xgboost.params()) {
            xgb.put(s.name(), all.get(s.name()));
        }
        Params xgbParams = Params.parse(xgb, xgboost.params(), where);
        try {
            xgboost.paramsOf(xgbParams);
        } catch (ConfigException e) {
            throw e.key() == null ? e : e.at(locator.apply(e.key()), locator.apply(e.key()) == null ? where + ": " : "");
        }
        List<String> detectors = all.getStringList("detectors");
        for (String d : detectors) {
            DetectorFactory f;
            try {
                f = catalog.byType(d);
            } catch (InputException e) {
                throw new ConfigException(locator.apply("detectors"), where + ": " + e.getMessage());
            }
            if (f.supervised()) {
                throw new ConfigException(locator.apply("detectors"), where + ": detector '" + d
                        + "' learns from labels; the judge's detectors must be unsupervised");
            }
        }
        if (detectors.stream().distinct().count() != detectors.size()) {
            throw new ConfigException(locator.apply("detectors"), where + ": a detector is listed twice in " + detectors);
        }
        double v = all.getDouble("validation_fraction");
        if (!(v > 0 && v < 1)) {
            throw new ConfigException(locator.apply("validation_fraction"), where + ": 'validation_fraction' must be in (0, 1), found " + v);
        }
        double minRecall = all.getDouble("min_recall");
        if (!(minRecall > 0 && minRecall <= 1)) {
            throw new ConfigException(locator.apply("min_recall"), where + ": 'min_recall' must be in (0, 1], found " + minRecall);
        }
        double floorFpr = all.getDouble("novelty_floor_fpr");
        if (!(floorFpr >= 0 && floorFpr <= 0.1)) {
            throw new ConfigException(locator.apply("novelty_floor_fpr"), where + ": 'novelty_floor_fpr' must be 0 (off) or in (0, 0.1], found "
                    + floorFpr);
        }
        if (floorFpr > 0 && !all.getBoolean("novelty_prior")) {
            throw new ConfigException(locator.apply("novelty_floor_fpr"), where + ": 'novelty_floor_fpr' needs 'novelty_prior: true'");
        }
        double minAuc = all.getDouble("novelty_prior_min_auc");
        if (!(minAuc >= 0 && minAuc < 1)) {
            throw new ConfigException(locator.apply("novelty_prior_min_auc"), where + ": 'novelty_prior_min_auc' must be in [0, 1), found "
                    + minAuc);
        }
        int stopRounds = all.getInt("early_stopping_rounds");
        if (stopRounds < 0) {
            throw new ConfigException(locator.apply("early_stopping_rounds"), where + ": 'early_stopping_rounds' must be 0 (off) or at least 1, found "
                    + stopRounds);
        }
        return new JudgeSettings(List.copyOf(detectors), v, all.getString("threshold_rule"), minRecall,
                all.getString("validation_labels"), all.getString("training_labels"), all.getString("class_column"), all.getBoolean("novelty_prior"), minAuc, all.getBoolean("monotone_novelty"), floorFpr,
                stopRounds, xgbParams);
    }

    /**
     * XGBoost's trainer for the judge's booster and for plain XGBoost beside it: with
     * {@code early_stopping_rounds}, the validation rows {@code xVal} (labels {@code yVal}) pick the rounds.
     *
     * @param monotone null, or XGBoost's monotone constraints, one per input column
     */
    public io.sentinelrisk.core.detect.DetectorTrainer boosterTrainer(DetectorCatalog catalog, long seed, int[] monotone,
                                                                     io.sentinelrisk.core.data.Matrix xVal, int[] yVal) {
        XgboostParams params = (XgboostParams) catalog.byType("xgboost").paramsOf(xgboost);
        EarlyStopping stop = earlyStoppingRounds == 0 ? null : new EarlyStopping(xVal, yVal, earlyStoppingRounds);
        return XgboostFactory.trainer(params, seed, monotone, stop);
    }

    /** Every key with its value (stable order), for reports and the bundle. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detectors", detectors);
        m.put("validation_fraction", validationFraction);
        m.put("threshold_rule", thresholdRule);
        m.put("min_recall", minRecall);
        m.put("validation_labels", validationLabels);
        m.put("training_labels", trainingLabels);
        m.put("class_column", classColumn);
        m.put("novelty_prior", noveltyPrior);
        m.put("novelty_prior_min_auc", noveltyPriorMinAuc);
        m.put("monotone_novelty", monotoneNovelty);
        m.put("novelty_floor_fpr", noveltyFloorFpr);
        m.put("early_stopping_rounds", earlyStoppingRounds);
        m.putAll(xgboost.asMap());
        return m;
    }
}
