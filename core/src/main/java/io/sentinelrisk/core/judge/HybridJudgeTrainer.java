package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorCatalog;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.autoencoder.AutoencoderModel;
import io.sentinelrisk.core.detect.xgboost.XgboostClassifier;
import io.sentinelrisk.core.detect.xgboost.XgboostModel;
import io.sentinelrisk.core.detect.xgboost.XgboostParams;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.util.StratifiedSplit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link HybridJudge} on prepared rows, an autoencoder already trained on the
 * normal-looking rows of the training split, and labels from any source ({@link JudgeLabels}:
 * verdicts, true labels, heuristics). The labelled rows are split once, stratified and seeded
 * ({@link #split}); the booster learns on the training part, the threshold is chosen on the
 * validation part ({@link ThresholdRule}). Deterministic for a seed whatever the thread count
 * (the autoencoder, the detectors and XGBoost's hist method all are).
 */
public final class HybridJudgeTrainer {
    private final JudgeSettings settings;
    private final DetectorCatalog catalog;
    private final long seed;

    public HybridJudgeTrainer(JudgeSettings settings, DetectorCatalog catalog, long seed) {
        this.settings = settings;
        this.catalog = catalog;
        this.seed = seed;
    }

    /** The labelled rows split into training and validation rows (both sorted). */
    public record Split(int[] train, int[] validation) {
        /** The training rows labelled normal: what the autoencoder and the detectors learn from. */
        public int[] normalTrainingRows(JudgeLabels labels) {
            return java.util.Arrays.stream(train).filter(r -> labels.values()[r] == 0).toArray();
        }
    }

    /**
     * The labelled rows, split stratified by label with {@code validationFraction} held out. Fails
     * (InputException) unless both parts hold normal rows and anomalies.
     */
    public static Split split(JudgeLabels labels, double validationFraction, long seed) {
        int[] values = labels.values();
        int known = 0;
        for (int v : values) {
            known += v == JudgeLabels.UNKNOWN ? 0 : 1;
        }
        int[] rows = new int[known];
        int[] y = new int[known];
        for (int r = 0, k = 0; r < values.length; r++) {
            if (values[r] != JudgeLabels.UNKNOWN) {
                rows[k] = r;
                y[k++] = values[r];
            }
        }
        StratifiedSplit s = StratifiedSplit.of(y, validationFraction, seed);
        int[] train = map(rows, s.train());
        int[] val = map(rows, s.holdout());
        if (count(values, train, 1) == 0 || count(values, train, 0) == 0 || count(values, val, 1) == 0) {
            throw new InputException("the judge needs labelled anomalies and normal rows in both its training and validation part; "
                    + "the labels " + labels.counts() + " do not give that (add heuristic rules or true labels)");
        }
        return new Split(train, val);
    }

    private static int[] map(int[] rows, int[] picked) {
        int[] out = new int[picked.length];
        for (int i = 0; i < picked.length; i++) {
            out[i] = rows[picked[i]];
        }
        java.util.Arrays.sort(out);
        return out;
    }

    private static int count(int[] values, int[] rows, int cls) {
        int n = 0;
        for (int r : rows) {
            n += values[r] == cls ? 1 : 0;
        }
        return n;
    }

    /**
     * @param x            prepared rows (all of them; only labelled ones are learnt from)
     * @param featureNames names of x's columns
     * @param autoencoder  fitted on {@link Split#normalTrainingRows} of {@code split}
     * @param split        {@link #split} of {@code labels}
     */
    public HybridJudge fit(Matrix x, List<String> featureNames, AutoencoderModel autoencoder, JudgeLabels labels,
                           Split split, int threads) {
        return fit(x, featureNames, autoencoder, labels, split, null, threads);
    }

    /**
     * As {@link #fit(Matrix, List, AutoencoderModel, JudgeLabels, Split, int)}, and with
     * {@code categories} (one per row, null where unknown) a category model learnt from the
     * training rows whose category is known (the multi-class option).
     */
    public HybridJudge fit(Matrix x, List<String> featureNames, AutoencoderModel autoencoder, JudgeLabels labels,
                           Split split, String[] categories, int threads) {
        int[] normal = split.normalTrainingRows(labels);
        Matrix normalRows = x.selectRows(normal);
        Map<String, FittedDetector> detectors = new LinkedHashMap<>();
        for (String type : settings.detectors()) {
            DetectorFactory f = catalog.byType(type);
            detectors.put(type, f.trainer(Params.defaults(f.params()), seed).fit(normalRows, null, threads));
        }
        Matrix z = HybridJudge.inputs(x, autoencoder, List.copyOf(detectors.values()), threads);
        int[] values = labels.values();
        Matrix zTrain = z.selectRows(split.train());
        int[] yTrain = StratifiedSplit.select(values, split.train());
        List<String> inputNames = HybridJudge.inputNames(featureNames, autoencoder.embeddingSize(), List.copyOf(detectors.keySet()));
        List<String> noveltyInputs = HybridJudge.noveltyInputs(List.copyOf(detectors.keySet()));
        Matrix zVal = z.selectRows(split.validation());
        int[] yVal = StratifiedSplit.select(values, split.validation());
        io.sentinelrisk.core.detect.DetectorTrainer trainer = boosterTrainer(inputNames, noveltyInputs, zVal, yVal);
        int[] learnt = trainingRows(settings, trainer, zTrain, yTrain, seed, threads);
        int contradicted = yTrain.length - learnt.length;
        zTrain = zTrain.selectRows(learnt);
        yTrain = StratifiedSplit.select(yTrain, learnt);
        XgboostModel booster = (XgboostModel) trainer.fit(zTrain, yTrain, threads);
        double[] pVal = new double[zVal.rows()];
        booster.score(zVal, pVal, threads);
        NoveltyPrior novelty = null;
        Map<String, Object> prior = new LinkedHashMap<>();
        if (settings.noveltyPrior()) {
            NoveltyPrior fitted = NoveltyPrior.fit(zTrain, yTrain, inputNames, noveltyInputs);
            double[] pNovelty = fitted.probability(zVal, fitted.columns(inputNames));
            // how far the novelty signals alone separate the validation rows' labels
            double auc = RankingMetrics.rocAuc(pNovelty, yVal);
            prior.put("inputs", fitted.inputs());
            prior.put("weights", java.util.Arrays.stream(fitted.weights()).boxed().toList());
            prior.put("bias", fitted.bias());
            prior.put("validation_roc_auc", auc);
            // the novelty floor is made of the prior's log-odds: with a floor the prior always stays
            boolean combined = auc >= settings.noveltyPriorMinAuc() || settings.noveltyFloorFpr() > 0;
            prior.put("combined", combined);
            if (combined) {
                novelty = fitted;
                HybridJudge.noisyOr(pVal, pNovelty);
            }
        }
        double threshold = ThresholdRule.choose(settings.thresholdRule(), settings.minRecall(), pVal, yVal,
                validationRows(settings, pVal, yVal));
        NoveltyFloor floor = null;
        if (novelty != null && settings.noveltyFloorFpr() > 0) {
            floor = calibrateFloor(novelty, zVal, yVal, inputNames, settings.noveltyFloorFpr());
            floor.apply(pVal, novelty.logOdds(zVal, novelty.columns(inputNames)), threshold);
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("labels", labels.counts());
        summary.put("training_rows", split.train().length);
        summary.put("autoencoder_rows", normal.length);
        summary.put("validation_rows", split.validation().length);
        summary.put("threshold", threshold);
        summary.put("booster_rounds", booster.rounds());
        summary.put("threshold_rule", switch (settings.thresholdRule()) {
            case "max_f1" -> "max_f1: highest F1 on the validation rows (middle of the gap below the candidate, in log-odds)";
            case "min_recall" -> "min_recall: highest threshold keeping recall >= " + settings.minRecall() + " on the validation rows";
            default -> "calibrated_f1: half the best F1 on the validation rows";
        });
        summary.put("validation", metrics(pVal, yVal, threshold));
        if (settings.validationLabels().equals("confident")) {
            int dropped = 0;
            for (boolean k : validationRows(settings, pVal, yVal)) {
                dropped += k ? 0 : 1;
            }
            summary.put("validation_rows_contradicted", dropped);
        }
        if (settings.trainingLabels().equals("confident")) {
            summary.put("training_rows_contradicted", contradicted);
        }
        summary.put("settings", settings.toMap());
        if (!prior.isEmpty()) {
            summary.put("novelty_prior", prior);
        }
        if (floor != null) {
            summary.put("novelty_floor", Map.of("false_positive_rate", floor.falsePositiveRate(), "cut_log_odds", floor.cut()));
        }
        if (categories == null) {
            return new HybridJudge(autoencoder, featureNames, detectors, booster, threshold, summary, null, List.of(), novelty, floor);
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        int known = 0;
        for (int r : split.train()) {
            if (categories[r] != null) {
                names.add(categories[r]);
                known++;
            }
        }
        List<String> classes = List.copyOf(names);
        int[] rows = new int[known];
        int[] y = new int[known];
        int k = 0;
        for (int r : split.train()) {
            if (categories[r] != null) {
                rows[k] = r;
                y[k++] = classes.indexOf(categories[r]);
            }
        }
        XgboostClassifier classifier = XgboostClassifier.fit(z.selectRows(rows), y, classes.size(),
                (XgboostParams) catalog.byType("xgboost").paramsOf(settings.xgboost()), seed, threads);
        // how often the category is right on the validation rows whose category is known
        int right = 0;
        int seen = 0;
        int[] valRows = java.util.Arrays.stream(split.validation()).filter(r -> categories[r] != null).toArray();
        if (valRows.length > 0) {
            int[] predicted = classifier.predict(z.selectRows(valRows));
            for (int i = 0; i < valRows.length; i++) {
                seen++;
                right += classes.get(predicted[i]).equals(categories[valRows[i]]) ? 1 : 0;
            }
        }
        Map<String, Object> cat = new LinkedHashMap<>();
        cat.put("classes", classes);
        cat.put("training_rows", known);
        cat.put("validation_rows", seen);
        cat.put("validation_accuracy", seen == 0 ? null : (double) right / seen);
        summary.put("categories", cat);
        return new HybridJudge(autoencoder, featureNames, detectors, booster, threshold, summary, classifier, classes, novelty, floor);
    }

    /**
     * The training rows ({@code x}'s, labels {@code y}) the booster learns from: all of them, or with
     * {@code training_labels: confident} those {@link LabelPruning} keeps.
     */
    public static int[] trainingRows(JudgeSettings settings, io.sentinelrisk.core.detect.DetectorTrainer trainer, Matrix x, int[] y,
                                     long seed, int threads) {
        if (settings.trainingLabels().equals("confident")) {
            return LabelPruning.keptRows(trainer, x, y, seed, threads);
        }
        return java.util.stream.IntStream.range(0, y.length).toArray();
    }

    /** The validation rows the threshold rule reads ({@link JudgeSettings#validationLabels}). */
    public static boolean[] validationRows(JudgeSettings settings, double[] pVal, int[] yVal) {
        if (settings.validationLabels().equals("confident")) {
            return ThresholdRule.confidentRows(pVal, yVal);
        }
        boolean[] all = new boolean[pVal.length];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /**
     * The novelty floor calibrated on the validation rows labelled normal: rows the autoencoder and
     * the detectors never learnt from, so their novelty signals are those new normal rows get.
     */
    static NoveltyFloor calibrateFloor(NoveltyPrior novelty, Matrix zVal, int[] yVal, List<String> inputNames, double fpr) {
        double[] z = novelty.logOdds(zVal, novelty.columns(inputNames));
        int normal = 0;
        for (int y : yVal) {
            normal += y == 0 ? 1 : 0;
        }
        double[] normalZ = new double[normal];
        for (int i = 0, k = 0; i < z.length; i++) {
            if (yVal[i] == 0) {
                normalZ[k++] = z[i];
            }
        }
        return NoveltyFloor.calibrate(normalZ, fpr);
    }

    /**
     * XGBoost's trainer for the booster; with {@code monotone_novelty}, its trees may only raise the
     * probability as a novelty signal rises. Without the constraint the booster may learn, from the
     * attack kinds the labels show, that "odder in this way" means normal among them (as the novelty
     * prior's negative weights did, see {@link NoveltyPrior#fit}); for a kind it never saw that
     * lowers exactly the rows the novelty signals single out.
     */
    private io.sentinelrisk.core.detect.DetectorTrainer boosterTrainer(List<String> inputNames, List<String> noveltyInputs,
                                                                      Matrix zVal, int[] yVal) {
        int[] monotone = null;
        if (settings.monotoneNovelty()) {
            monotone = new int[inputNames.size()];
            for (String in : noveltyInputs) {
                monotone[inputNames.indexOf(in)] = 1;
            }
        }
        return settings.boosterTrainer(catalog, seed, monotone, zVal, yVal);
    }

    /** ROC AUC, AP and precision/recall/F1 at {@code threshold} (labels are the ones learnt from: maybe pseudo). */
    static Map<String, Object> metrics(double[] p, int[] y, double threshold) {
        boolean[] flagged = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            flagged[i] = p[i] > threshold;
        }
        Confusion c = Confusion.of(flagged, y);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("roc_auc", RankingMetrics.rocAuc(p, y));
        m.put("average_precision", RankingMetrics.averagePrecision(p, y));
        m.put("precision", c.precision());
        m.put("recall", c.recall());
        m.put("f1", c.f1());
        return m;
    }
}
