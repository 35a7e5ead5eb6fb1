package io.sentinelrisk.core.detect.randomforest;

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
 * {@code random_forest}: a supervised random forest of CART trees (Gini), with scikit-learn's
 * {@code RandomForestClassifier} parameters. Score = the predicted probability of the anomaly class.
 */
public final class RandomForestFactory implements DetectorFactory {
    public static final String TYPE = "random_forest";
    private static final String MAGIC = "RFST";
    private static final int VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Random forest classifier (supervised, needs labels): Gini CART trees on bootstrap samples; score = anomaly probability";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofInt("n_estimators", 100, "number of trees (≥ 1)"),
                ParamSpec.ofNumberOr("max_depth", "none", "maximum tree depth (≥ 1), or none: grow until leaves are "
                        + "pure or hit min_samples_leaf", "none"),
                ParamSpec.ofInt("min_samples_split", 2, "a node with fewer rows is not split (≥ 2)"),
                ParamSpec.ofInt("min_samples_leaf", 1, "every leaf keeps at least this many rows (≥ 1)"),
                ParamSpec.ofNumberOr("max_features", "sqrt", "features tried per split: sqrt or log2 of the feature "
                        + "count, an integer count, a fraction in (0, 1] written with a decimal point, or none = all",
                        "sqrt", "log2", "none"),
                ParamSpec.ofChoice("class_weight", "none", "none: every row weighs 1; balanced: a row weighs "
                        + "n / (2 × training rows of its class), as scikit-learn's class_weight='balanced'", "none", "balanced"),
                ParamSpec.ofBoolean("bootstrap", true, "fit each tree on a bootstrap sample (else on all rows)"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        ParamChecks c = ParamChecks.of(params, TYPE);
        int trees = c.intAtLeast("n_estimators", 1);
        Object depth = params.get("max_depth");
        int maxDepth = Integer.MAX_VALUE;
        if (depth instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
                throw c.fail("max_depth", "an integer ≥ 1 or none", ParamChecks.fmt(n.doubleValue()));
            }
            maxDepth = (int) Math.min(Integer.MAX_VALUE, n.doubleValue());
        }
        int minSplit = c.intAtLeast("min_samples_split", 2);
        int minLeaf = c.intAtLeast("min_samples_leaf", 1);
        MaxFeatures maxFeatures = MaxFeatures.parse(params.get("max_features"), c);
        boolean balanced = "balanced".equals(params.getString("class_weight"));
        return new RandomForestTrainer(trees, maxDepth, minSplit, minLeaf, maxFeatures, balanced,
                params.getBoolean("bootstrap"), seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        RandomForestModel m = (RandomForestModel) model;
        BinaryWriter w = new BinaryWriter(MAGIC, VERSION);
        w.writeInt(m.featureCount()).writeDoubles(m.importanceArray()).writeInt(m.trees().size());
        for (Tree t : m.trees()) {
            w.writeInts(t.feature()).writeDoubles(t.threshold()).writeInts(t.left()).writeInts(t.right()).writeDoubles(t.value());
        }
        return w.toByteArray();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        double[] importance = r.readDoubles();
        int count = r.readInt();
        if (d < 1 || importance.length != d || count < 1 || count > bytes.length) {
            throw r.corrupt("bad header (features " + d + ", trees " + count + ")");
        }
        Tree[] trees = new Tree[count];
        for (int t = 0; t < count; t++) {
            trees[t] = new Tree(r.readInts(), r.readDoubles(), r.readInts(), r.readInts(), r.readDoubles());
            if (!trees[t].isWellFormed(d)) {
                throw r.corrupt("tree " + t + " is malformed");
            }
        }
        r.expectEnd();
        return new RandomForestModel(d, List.of(trees), importance);
    }
}
