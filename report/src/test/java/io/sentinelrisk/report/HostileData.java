package io.sentinelrisk.report;

import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.data.Schema;
import io.sentinelrisk.core.evaluate.Evaluation;
import io.sentinelrisk.core.evaluate.EvaluationResult;
import io.sentinelrisk.core.evaluate.EvaluationSettings;
import io.sentinelrisk.core.ingest.Dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Labelled data whose names and values try to break out of HTML: user names, ids, a scenario
 * and a column name with tags, quotes and ampersands. Anomalies have a large amount and a
 * user never seen in training.
 */
final class HostileData {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String QUOTES = "O'Brien & \"Co\"";
    static final String COLUMN = "amount<b>&\"";
    static final String SCENARIO = "<img src=x onerror=alert(2)>";

    private HostileData() {
    }

    static Dataset dataset(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] amount = new double[n];
        double[] hour = new double[n];
        int[] user = new int[n];
        int[] id = new int[n];
        int[] scenario = new int[n];
        int[] labels = new int[n];
        List<String> users = List.of("alice", "bob", QUOTES, SCRIPT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i % 7 == 0 ? "id-" + i + SCRIPT : "id-" + i);
            id[i] = i;
            boolean anomaly = r.nextDouble() < 0.05;
            labels[i] = anomaly ? 1 : 0;
            amount[i] = anomaly ? 50 + r.nextDouble() * 10 : r.nextGaussian();
            hour[i] = 9 + r.nextGaussian() * 2;
            user[i] = anomaly ? 3 : r.nextInt(3);   // the script user only ever shows up in attacks
            scenario[i] = anomaly ? 1 : 0;
        }
        List<Field> fields = List.of(
                new Field("event", ColumnType.CATEGORICAL, ColumnRole.ID),
                new Field(COLUMN, ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("hour", ColumnType.NUMERIC, ColumnRole.FEATURE),
                new Field("user", ColumnType.CATEGORICAL, ColumnRole.FEATURE),
                new Field("scenario", ColumnType.CATEGORICAL, ColumnRole.FEATURE));
        List<Column> cols = List.of(
                new Column.Categorical("event", id, ids),
                new Column.Numeric(COLUMN, amount),
                new Column.Numeric("hour", hour),
                new Column.Categorical("user", user, users),
                new Column.Categorical("scenario", scenario, List.of("normal", SCENARIO)));
        return new Dataset("data-" + SCRIPT + ".csv", new Frame(new Schema(fields), cols), labels, null);
    }

    static SentinelConfig config(String detector) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("detector.type", detector);
        o.put("threads", 1);
        o.put("preprocessing.categorical_encoding", "onehot");   // feature names carry the user names
        return SentinelConfig.load(null, o);
    }

    private static EvaluationResult cached;

    /**
     * iforest, hbos and xgboost on the held-out test part: importances, SHAP and every plot kind.
     * Computed once per test JVM (the result is immutable).
     */
    static synchronized EvaluationResult evaluate() {
        if (cached == null) {
            EvaluationSettings s = new EvaluationSettings(0.7, 5, 10, 95, 4, 3, "scenario", false);
            cached = Evaluation.fitAndTest(dataset(900, 3), List.of(config("iforest"), config("hbos"), config("xgboost")), s);
        }
        return cached;
    }
}
