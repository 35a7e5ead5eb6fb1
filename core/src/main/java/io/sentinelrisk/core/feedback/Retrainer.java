package io.sentinelrisk.core.feedback;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.calibrate.Calibration;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.AlertIds;
import io.sentinelrisk.core.export.RecordValues;
import io.sentinelrisk.core.export.ScoredData;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.pipeline.TrainedPipeline;
import io.sentinelrisk.core.util.StratifiedSplit;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns analysts' verdicts into a challenger model and measures it against the champion
 * (docs/feedback.md, "Retraining"). The verdicts are matched to the records of new data by alert
 * id; each decided alert becomes a label (true_positive = 1; false_positive and benign = 0). A
 * stratified, seeded share of the decided alerts is held back; the challenger is made from the
 * rest:
 * <ul>
 *   <li>a hybrid judge is refitted whole on the new data (held-back rows left out), the verdicts
 *   first among its labels ({@link JudgeChallenger});</li>
 *   <li>a supervised detector is refitted on the new data (held-back rows left out) with those
 *   labels, the data's own labels where no verdict exists, the champion's flags elsewhere;</li>
 *   <li>an unsupervised detector keeps its fitted model and gets a new is_anomaly threshold: the
 *   raw score that maximises the metric on the verdicts (ties: the one nearest the champion's).</li>
 * </ul>
 * Champion and challenger are then compared on the held-back verdicts; the challenger wins only
 * when it is strictly better on the metric. Deterministic for a seed. Writes nothing: the caller
 * decides what to do with the challenger.
 */
public final class Retrainer {
    /**
     * @param holdoutFraction share of each class of decided alerts held back, in (0, 1)
     * @param seed            seed of the split (and of a refit)
     * @param metric          the metric the challenger must beat the champion on
     * @param threads         threads for scoring and fitting (results do not depend on it)
     */
    public record Settings(double holdoutFraction, long seed, RetrainMetric metric, int threads) {
        public Settings {
            if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
                throw new InputException("--holdout: expected a share in (0, 1), found " + holdoutFraction);
            }
        }
    }

    /** The challenger and the report comparing it with the champion. */
    public record Result(Pipeline challenger, RetrainReport report) {
    }

    private Retrainer() {
    }

    /**
     * @param champion   the model in use
     * @param data       new data, with the columns (and computed features) the champion scores
     * @param source     the data's name, as in the alerts (alert ids of records without an id use it)
     * @param dataLabels labels of the data (1/0 per row), or null
     * @param verdicts   the analysts' verdicts
     */
    public static Result run(Pipeline champion, Frame data, String source, int[] dataLabels, List<FeedbackEntry> verdicts,
                             Settings settings) {
        return run(champion, data, source, dataLabels, null, verdicts, settings);
    }

    /**
     * As {@link #run(Pipeline, Frame, String, int[], List, Settings)}, with heuristic pseudo-labels
     * of the data ({@code heuristicLabels}: 1, 0 or -1 per row, or null) that a champion with a
     * hybrid judge learns from where neither a verdict nor the data's own label says anything.
     */
    public static Result run(Pipeline champion, Frame data, String source, int[] dataLabels, int[] heuristicLabels,
                             List<FeedbackEntry> verdicts, Settings settings) {
        String modelId = ModelId.of(champion);
        ScoredBatch scores = champion.score(data, source, settings.threads());
        ScoredData scored = new ScoredData(source, data, scores, champion, null, null);
        Map<String, Consensus.Judged> judged = Consensus.of(verdicts, modelId);
        int n = data.rows();
        int[] label = new int[n];
        Arrays.fill(label, -1);
        Set<String> ids = new HashSet<>();
        Set<String> matched = new HashSet<>();
        int threats = 0;
        int noThreats = 0;
        int unknown = 0;
        for (int r = 0; r < n; r++) {
            String id = AlertIds.of(modelId, source, r, RecordValues.id(scored.frame(), r));
            ids.add(id);
            Consensus.Judged j = judged.get(id);
            if (j != null && matched.add(id)) {
                label[r] = j.label();
                threats += j.label() == 1 ? 1 : 0;
                noThreats += j.label() == 0 ? 1 : 0;
                unknown += j.label() < 0 ? 1 : 0;
            } else if (j != null) {
                label[r] = j.label();   // the same event twice in the data: both rows carry the verdict
            }
        }
        int unmatched = 0;
        for (FeedbackEntry e : verdicts) {
            unmatched += ids.contains(e.alertIdFor(modelId)) ? 0 : 1;
        }
        var verdictCounts = new RetrainReport.Verdicts(verdicts.size(), matched.size(), unmatched, threats, noThreats, unknown);

        int[] decided = rowsWhere(label, l -> l >= 0);
        int[] decidedLabels = StratifiedSplit.select(label, decided);
        StratifiedSplit split = StratifiedSplit.of(decidedLabels, settings.holdoutFraction(), settings.seed());
        int[] held = pick(decided, split.holdout());
        int[] fit = pick(decided, split.train());
        int[] heldLabels = StratifiedSplit.select(label, held);
        int[] fitLabels = StratifiedSplit.select(label, fit);
        requireBothKinds(heldLabels, "held back", verdictCounts, settings);
        requireBothKinds(fitLabels, "left to learn from", verdictCounts, settings);

        Confusion championOnHeld = Confusion.of(pick(scores.isAnomaly(), held), heldLabels);
        boolean judge = champion.judge().isPresent();
        boolean supervised = !judge && PipelineTrainer.learnsFromLabels(champion.config());
        String method = judge ? RetrainReport.REFIT_JUDGE : supervised ? RetrainReport.REFIT : RetrainReport.RECALIBRATE;
        Pipeline challenger;
        boolean[] challengerOnHeld;
        RetrainReport.Labels labelSources = null;
        RetrainReport.Threshold threshold = null;
        Map<String, Object> retrain = new LinkedHashMap<>();
        retrain.put("champion_model_id", modelId);
        retrain.put("verdicts_matched", matched.size());
        if (judge) {
            boolean[] isHeld = new boolean[n];
            for (int r : held) {
                isHeld[r] = true;
            }
            int[] rows = rowsWhere(isHeld, false);
            JudgeChallenger.Fitted f = JudgeChallenger.fit(champion, data.selectRows(rows), pick(label, rows),
                    dataLabels == null ? null : pick(dataLabels, rows), heuristicLabels == null ? null : pick(heuristicLabels, rows),
                    pick(scores.isAnomaly(), rows), settings.seed(), retrain);
            labelSources = f.labels();
            challenger = f.challenger();
            challengerOnHeld = challenger.score(data.selectRows(held), source, settings.threads()).isAnomaly();
        } else if (supervised) {
            boolean[] isHeld = new boolean[n];
            for (int r : held) {
                isHeld[r] = true;
            }
            int[] rows = rowsWhere(isHeld, false);
            int[] trainLabels = new int[rows.length];
            int fromVerdicts = 0;
            int fromData = 0;
            int fromChampion = 0;
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                if (label[r] >= 0) {
                    trainLabels[i] = label[r];
                    fromVerdicts++;
                } else if (dataLabels != null && dataLabels[r] >= 0) {
                    trainLabels[i] = dataLabels[r];
                    fromData++;
                } else {
                    trainLabels[i] = scores.isAnomaly()[r] ? 1 : 0;
                    fromChampion++;
                }
            }
            labelSources = new RetrainReport.Labels(fromVerdicts, fromData, 0, fromChampion);
            SentinelConfig cfg = champion.config().withOverrides(Map.of("random_state", settings.seed()), "retrain");
            TrainedPipeline trained = new PipelineTrainer(cfg).fit(data.selectRows(rows), trainLabels);
            Pipeline refit = trained.pipeline();
            Map<String, Object> summary = new LinkedHashMap<>(refit.trainingSummary());
            retrain.put("method", RetrainReport.REFIT);
            retrain.put("labels", Map.of("from_verdicts", fromVerdicts, "from_data", fromData, "from_champion", fromChampion));
            summary.put("retrain", retrain);
            challenger = new Pipeline(refit.schema(), refit.config(), refit.preparation(), refit.detector(), refit.calibration(),
                    refit.explainer(), summary, champion.features().orElse(null)).withMapping(mappingOf(champion));
            challengerOnHeld = challenger.score(data.selectRows(held), source, settings.threads()).isAnomaly();
        } else {
            Calibration cal = champion.calibration();
            double t = bestThreshold(pick(scores.score(), fit), fitLabels, settings.metric(), cal.anomalyAt());
            Calibration recalibrated = new Calibration(cal.grid(), cal.criticalAt(), cal.highAt(), cal.mediumAt(), t, cal.scoreFloor());
            double contamination = Math.min(0.4999, Math.max(1e-6, 1 - cal.risk(t) / 100.0));
            threshold = new RetrainReport.Threshold(cal.anomalyAt(), t, champion.config().contamination(), contamination);
            SentinelConfig cfg = champion.config().withOverrides(Map.of("contamination", contamination), "retrain");
            Map<String, Object> summary = new LinkedHashMap<>(champion.trainingSummary());
            retrain.put("method", RetrainReport.RECALIBRATE);
            retrain.put("anomaly_above", Map.of("champion", cal.anomalyAt(), "challenger", t));
            summary.put("retrain", retrain);
            challenger = new Pipeline(champion.schema(), cfg, champion.preparation(), champion.detector(), recalibrated,
                    champion.explainer(), summary, champion.features().orElse(null), champion.profile().orElse(null))
                    .withMapping(mappingOf(champion));
            double[] heldScores = pick(scores.score(), held);
            challengerOnHeld = new boolean[held.length];
            for (int i = 0; i < held.length; i++) {
                challengerOnHeld[i] = recalibrated.isAnomaly(heldScores[i]);
            }
        }
        Confusion challengerConfusion = Confusion.of(challengerOnHeld, heldLabels);
        var championScores = RetrainReport.Scores.of(championOnHeld, settings.metric());
        var challengerScores = RetrainReport.Scores.of(challengerConfusion, settings.metric());
        boolean wins = challengerScores.metricValue() > championScores.metricValue();
        RetrainReport report = new RetrainReport(RetrainReport.VERSION, modelId, ModelId.of(challenger),
                judge ? "hybrid_judge" : champion.detector().type(), method, verdictCounts,
                new RetrainReport.Holdout(settings.holdoutFraction(), settings.seed(), held.length, count(heldLabels, 1)),
                labelSources, threshold, settings.metric().id(), championScores, challengerScores,
                wins ? "challenger" : "champion", null, null);
        return new Result(challenger, report);
    }

    /**
     * The is_anomaly threshold (flag when score &gt; t) that maximises {@code metric} on labelled
     * scores. Candidates: above every score (flag nothing), between each pair of neighbouring
     * distinct scores (midpoint), below every score (flag all). Ties go to the candidate nearest
     * {@code current}, so the model changes no more than the verdicts ask.
     */
    static double bestThreshold(double[] scores, int[] labels, RetrainMetric metric, double current) {
        int n = scores.length;
        // scores high to low with their labels: each class sorted alone, then merged (ties need no order:
        // no threshold separates them)
        double[] pos = new double[count(labels, 1)];
        double[] neg = new double[n - pos.length];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (labels[i] == 1) {
                pos[a++] = scores[i];
            } else {
                neg[b++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        double[] sorted = new double[n];
        boolean[] positive = new boolean[n];
        for (int k = 0, a = pos.length - 1, b = neg.length - 1; k < n; k++) {
            boolean takePos = b < 0 || (a >= 0 && pos[a] >= neg[b]);
            sorted[k] = takePos ? pos[a--] : neg[b--];
            positive[k] = takePos;
        }
        int positives = pos.length;
        int negatives = neg.length;
        double best = Double.NEGATIVE_INFINITY;
        double bestT = current;
        int tp = 0;
        for (int k = 0; k <= n; k++) {
            // the top k flagged: needs a gap between the k-th and the (k+1)-th score
            if (k > 0) {
                tp += positive[k - 1] ? 1 : 0;
            }
            double t;
            if (k == 0) {
                t = sorted[0];
            } else if (k == n) {
                t = Math.nextDown(sorted[n - 1]);
            } else {
                double hi = sorted[k - 1];
                double lo = sorted[k];
                if (hi == lo) {
                    continue;
                }
                t = lo + (hi - lo) / 2;
            }
            int fp = k - tp;
            double m = metric.of(new Confusion(tp, fp, negatives - fp, positives - tp));
            if (m > best || (m == best && Math.abs(t - current) < Math.abs(bestT - current))) {
                best = m;
                bestT = t;
            }
        }
        return bestT;
    }

    /** The champion's business mapping, which every challenger keeps (null without one). */
    private static io.sentinelrisk.core.mapping.BusinessMapping mappingOf(Pipeline champion) {
        return champion.mapping().map(io.sentinelrisk.core.mapping.CompiledMapping::mapping).orElse(null);
    }

    private static void requireBothKinds(int[] labels, String part, RetrainReport.Verdicts v, Settings s) {
        if (count(labels, 1) == 0 || count(labels, 0) == 0) {
            throw new InputException("retraining needs true_positive and false_positive/benign verdicts both "
                    + part + ": the data matched " + v.threats() + " threat and " + v.noThreats() + " no-threat verdicts ("
                    + v.unmatched() + " verdict lines named no record of the data), and --holdout " + s.holdoutFraction()
                    + " holds back that share of each; give more verdicts of both kinds");
        }
    }

    private static int count(int[] labels, int value) {
        int c = 0;
        for (int l : labels) {
            c += l == value ? 1 : 0;
        }
        return c;
    }

    private static int[] rowsWhere(int[] labels, java.util.function.IntPredicate p) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> p.test(labels[i])).toArray();
    }

    private static int[] rowsWhere(boolean[] flags, boolean value) {
        return java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i] == value).toArray();
    }

    private static int[] pick(int[] values, int[] at) {
        int[] out = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    private static double[] pick(double[] values, int[] at) {
        double[] out = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    private static boolean[] pick(boolean[] values, int[] at) {
        boolean[] out = new boolean[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }
}
