package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.autoencoder.AutoencoderModel;
import io.sentinelrisk.core.detect.xgboost.XgboostClassifier;
import io.sentinelrisk.core.detect.xgboost.XgboostModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fitted hybrid judge: an autoencoder trained on normal-looking rows gives each row its
 * reconstruction error, per-feature errors and bottleneck embedding; unsupervised detectors add
 * their scores; an XGBoost booster reads the prepared features with all of these and gives the
 * final probability that the row is an anomaly. Immutable and thread-safe; made by
 * {@link HybridJudgeTrainer}, stored as bundle parts (the booster in XGBoost's own format).
 *
 * <p>Every step works on blocks of rows whose per-row results do not depend on the block
 * (the autoencoder's blocks reproduce a row bit for bit, XGBoost predicts rows independently),
 * so a record scored alone gets exactly the probability it gets in a batch.
 */
public final class HybridJudge {
    /** Name of the judge input holding the autoencoder's mean squared reconstruction error. */
    public static final String AE_ERROR = "ae_error";

    private final AutoencoderModel autoencoder;
    private final List<String> detectorNames;
    private final List<FittedDetector> detectors;
    private final XgboostModel booster;
    private final List<String> featureNames;
    private final List<String> inputNames;
    private final double threshold;
    private final Map<String, Object> summary;
    /** The category model, or null when the judge predicts no category. */
    private final XgboostClassifier classifier;
    private final List<String> classes;
    /** The novelty prior combined with the booster's probability, or null (bundles made before it, or switched off). */
    private final NoveltyPrior novelty;
    private final int[] noveltyColumns;
    /** The novelty floor on top of the prior, or null (bundles made before it, or switched off). */
    private final NoveltyFloor floor;

    /**
     * @param featureNames the prepared features, in the order the autoencoder reads them
     * @param detectors    extra unsupervised detectors by config name, fitted on the same prepared features
     * @param threshold    a row is flagged when its probability is strictly above this
     * @param summary      what training saw and measured, for reports (JSON values)
     */
    public HybridJudge(AutoencoderModel autoencoder, List<String> featureNames, Map<String, FittedDetector> detectors,
                       XgboostModel booster, double threshold, Map<String, Object> summary) {
        this(autoencoder, featureNames, detectors, booster, threshold, summary, null, List.of());
    }

    /**
     * @param classifier the category model on the same inputs (multi-class, e.g. the scenario), or null
     * @param classes    its category names by class index (empty without a classifier)
     */
    public HybridJudge(AutoencoderModel autoencoder, List<String> featureNames, Map<String, FittedDetector> detectors,
                       XgboostModel booster, double threshold, Map<String, Object> summary,
                       XgboostClassifier classifier, List<String> classes) {
        this(autoencoder, featureNames, detectors, booster, threshold, summary, classifier, classes, null);
    }

    /** @param novelty the novelty prior whose noisy-OR with the booster is the probability, or null for the booster alone */
    public HybridJudge(AutoencoderModel autoencoder, List<String> featureNames, Map<String, FittedDetector> detectors,
                       XgboostModel booster, double threshold, Map<String, Object> summary,
                       XgboostClassifier classifier, List<String> classes, NoveltyPrior novelty) {
        this(autoencoder, featureNames, detectors, booster, threshold, summary, classifier, classes, novelty, null);
    }

    /** @param floor the novelty floor raising the probability of rows the prior finds odd enough, or null (needs {@code novelty}) */
    public HybridJudge(AutoencoderModel autoencoder, List<String> featureNames, Map<String, FittedDetector> detectors,
                       XgboostModel booster, double threshold, Map<String, Object> summary,
                       XgboostClassifier classifier, List<String> classes, NoveltyPrior novelty, NoveltyFloor floor) {
        if (autoencoder.featureCount() != featureNames.size()) {
            throw new IllegalArgumentException("autoencoder reads " + autoencoder.featureCount() + " features, "
                    + featureNames.size() + " named");
        }
        this.autoencoder = autoencoder;
        this.featureNames = List.copyOf(featureNames);
        this.detectorNames = List.copyOf(detectors.keySet());
        this.detectors = List.copyOf(detectors.values());
        for (FittedDetector d : this.detectors) {
            if (d.featureCount() != featureNames.size()) {
                throw new IllegalArgumentException("detector " + d.type() + " reads " + d.featureCount() + " features");
            }
        }
        this.inputNames = inputNames(this.featureNames, autoencoder.embeddingSize(), detectorNames);
        if (booster.featureCount() != inputNames.size()) {
            throw new IllegalArgumentException("judge booster reads " + booster.featureCount() + " inputs, expected "
                    + inputNames.size());
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be a probability, found " + threshold);
        }
        this.booster = booster;
        this.threshold = threshold;
        this.summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        if (classifier != null && (classifier.featureCount() != inputNames.size() || classifier.classes() != classes.size())) {
            throw new IllegalArgumentException("the category model reads " + classifier.featureCount() + " inputs for "
                    + classifier.classes() + " classes; expected " + inputNames.size() + " inputs and " + classes.size() + " classes");
        }
        this.classifier = classifier;
        this.classes = List.copyOf(classes);
        this.novelty = novelty;
        this.noveltyColumns = novelty == null ? null : novelty.columns(inputNames);
        if (floor != null && novelty == null) {
            throw new IllegalArgumentException("a novelty floor needs the novelty prior");
        }
        this.floor = floor;
    }

    /** The novelty floor, when the judge has one. */
    public java.util.Optional<NoveltyFloor> floor() {
        return java.util.Optional.ofNullable(floor);
    }

    /** The novelty prior, when the judge combines one with its booster. */
    public java.util.Optional<NoveltyPrior> novelty() {
        return java.util.Optional.ofNullable(novelty);
    }

    /** The names of the novelty signals among the judge's inputs: the reconstruction error and each detector's score. */
    static List<String> noveltyInputs(List<String> detectors) {
        List<String> out = new ArrayList<>();
        out.add(AE_ERROR);
        for (String d : detectors) {
            out.add("score:" + d);
        }
        return out;
    }

    /** {@code 1 - (1 - p)(1 - q)} in place: the booster's probabilities {@code p} combined with the novelty prior's {@code q}. */
    static void noisyOr(double[] p, double[] q) {
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 - (1 - p[i]) * (1 - q[i]);
        }
    }

    /** The category of each row of judge inputs, or null when the judge predicts none. */
    public String[] predictClass(Matrix inputs) {
        if (classifier == null) {
            return null;
        }
        int[] c = classifier.predict(inputs);
        String[] out = new String[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = classes.get(c[i]);
        }
        return out;
    }

    /** The category model, when the judge predicts categories. */
    public java.util.Optional<XgboostClassifier> classifier() {
        return java.util.Optional.ofNullable(classifier);
    }

    /** Category names by class index (empty without a category model). */
    public List<String> classes() {
        return classes;
    }

    /** The names of the judge's inputs: features, then autoencoder outputs, then detector scores. */
    static List<String> inputNames(List<String> features, int embedding, List<String> detectors) {
        List<String> out = new ArrayList<>(features);
        out.add(AE_ERROR);
        for (String f : features) {
            out.add("ae_error:" + f);
        }
        for (int k = 0; k < embedding; k++) {
            out.add("ae_embedding_" + k);
        }
        for (String d : detectors) {
            out.add("score:" + d);
        }
        return out;
    }

    /**
     * The judge's input rows for prepared rows {@code x}: the features, the reconstruction error,
     * the error of each feature (reconstruction minus input), the embedding and each detector's
     * score.
     */
    public Matrix inputs(Matrix x, int threads) {
        return inputs(x, autoencoder, detectors, threads);
    }

    static Matrix inputs(Matrix x, AutoencoderModel autoencoder, List<FittedDetector> detectors, int threads) {
        int n = x.rows();
        int d = x.cols();
        Matrix recon = autoencoder.reconstruct(x, threads);
        Matrix emb = autoencoder.embed(x, threads);
        double[] mse = new double[n];
        autoencoder.score(x, mse, threads);
        double[][] scores = new double[detectors.size()][n];
        for (int i = 0; i < detectors.size(); i++) {
            detectors.get(i).score(x, scores[i], threads);
        }
        int e = emb.cols();
        int w = d + 1 + d + e + detectors.size();
        double[] out = new double[Math.multiplyExact(n, w)];
        double[] xd = x.data();
        double[] rd = recon.data();
        double[] ed = emb.data();
        for (int r = 0; r < n; r++) {
            int o = r * w;
            System.arraycopy(xd, r * d, out, o, d);
            out[o + d] = mse[r];
            for (int j = 0; j < d; j++) {
                out[o + d + 1 + j] = rd[r * d + j] - xd[r * d + j];
            }
            System.arraycopy(ed, r * e, out, o + 2 * d + 1, e);
            for (int i = 0; i < scores.length; i++) {
                out[o + 2 * d + 1 + e + i] = scores[i][r];
            }
        }
        return new Matrix(n, w, out);
    }

    /**
     * The probability that each row of judge inputs (see {@link #inputs}) is an anomaly: the
     * booster's, combined by noisy-OR with the novelty prior's when the judge has one, then raised
     * to the novelty floor's when it has one.
     */
    public double[] probability(Matrix inputs, int threads) {
        double[] p = new double[inputs.rows()];
        booster.score(inputs, p, threads);
        if (novelty != null) {
            noisyOr(p, novelty.probability(inputs, noveltyColumns));
        }
        if (floor != null) {
            floor.apply(p, novelty.logOdds(inputs, noveltyColumns), threshold);
        }
        return p;
    }

    /** The anomaly probability of each prepared row. */
    public double[] probabilityOfPrepared(Matrix x, int threads) {
        return probability(inputs(x, threads), threads);
    }

    /**
     * XGBoost's TreeSHAP contributions of each judge input to each row's log-odds: one row per
     * input row, {@code inputNames().size() + 1} columns, the last the bias.
     */
    public Matrix attributions(Matrix inputs) {
        return booster.shapContributions(inputs);
    }

    public boolean flagged(double probability) {
        return probability > threshold;
    }

    public double threshold() {
        return threshold;
    }

    public AutoencoderModel autoencoder() {
        return autoencoder;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    /** Extra detectors by config name, in input order. */
    public Map<String, FittedDetector> detectors() {
        Map<String, FittedDetector> m = new LinkedHashMap<>();
        for (int i = 0; i < detectors.size(); i++) {
            m.put(detectorNames.get(i), detectors.get(i));
        }
        return m;
    }

    public XgboostModel booster() {
        return booster;
    }

    public List<String> inputNames() {
        return inputNames;
    }

    /** What training saw and measured (labels by source, validation metrics, threshold rule). */
    public Map<String, Object> summary() {
        return summary;
    }
}
