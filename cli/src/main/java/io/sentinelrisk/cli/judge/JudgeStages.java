package io.sentinelrisk.cli.judge;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.evaluate.JudgeComparison;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.cli.FeatureData;
import io.sentinelrisk.features.scoring.EventScorer;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.io.CsvWriter;
import io.sentinelrisk.core.judge.HybridJudge;
import io.sentinelrisk.core.judge.JudgeLabels;
import io.sentinelrisk.core.pipeline.JudgePipelineConfig;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.JudgeTrainingSet;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.TrainedPipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stages of the hybrid judge's pipeline, each writing its artifacts under one folder and a
 * stamp ({@code STAGE.stamp.json}) with the SHA-256 of every input it read (data files, config
 * sections, upstream artifacts) and of every output. A stage whose stamp matches its current
 * inputs and whose outputs are still those bytes is skipped, so a run resumes where it stopped
 * or where something changed.
 * <ul>
 * <li>{@code autoencoder}: labels ({@code labels.csv}: row, label, source) and the preparation
 * plus autoencoder fitted on the normal-looking training rows ({@code autoencoder.srb});</li>
 * <li>{@code embed}: every training row's reconstruction error, per-feature errors and bottleneck
 * embedding ({@code embedding.csv});</li>
 * <li>{@code train}: the judge on top of the autoencoder stage ({@code judge.srb}, the bundle);</li>
 * <li>{@code evaluate}: the judge (and with {@code evaluate.baselines} its baselines) on labelled
 * data ({@code evaluation.json}).</li>
 * </ul>
 */
public final class JudgeStages {
    public static final List<String> STAGES = List.of("autoencoder", "embed", "train", "evaluate");
    static final String LABELS = "labels.csv";
    static final String AUTOENCODER = "autoencoder.srb";
    static final String EMBEDDING = "embedding.csv";
    static final String JUDGE = "judge.srb";
    static final String EVALUATION = "evaluation.json";

    private final JudgePipelineConfig cfg;
    private final Path configFile;
    private final Path outDir;
    private final boolean force;
    private final PrintWriter out;

    public JudgeStages(JudgePipelineConfig cfg, Path configFile, Path outDir, boolean force, PrintWriter out) {
        this.cfg = cfg;
        this.configFile = configFile;
        this.outDir = outDir;
        this.force = force;
        this.out = out;
        if (cfg.input() == null) {
            throw new InputException(InputLocation.file(configFile.toString()), "no training data: set 'input' or give --input");
        }
    }

    /** The bundle the train stage writes. */
    public Path bundle() {
        return outDir.resolve(JUDGE);
    }

    public Path evaluation() {
        return outDir.resolve(EVALUATION);
    }

    /** Runs one stage (skipped when up to date). */
    public void run(String stage) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new SentinelException("cannot create --out-dir " + outDir + ": " + e.getMessage(), e);
        }
        switch (stage) {
            case "autoencoder" -> stage("autoencoder", inputs(Map.of("data", cfg.input()), "features", "labels", "model", "split"),
                    List.of(LABELS, AUTOENCODER), this::autoencoder);
            case "embed" -> stage("embed", inputs(Map.of("data", cfg.input(), AUTOENCODER, outDir.resolve(AUTOENCODER)), "features"),
                    List.of(EMBEDDING), this::embed);
            case "train" -> stage("train", inputs(Map.of("data", cfg.input(), AUTOENCODER, outDir.resolve(AUTOENCODER),
                    LABELS, outDir.resolve(LABELS)), "features", "labels", "model", "judge"), List.of(JUDGE), this::train);
            case "evaluate" -> {
                if (cfg.evaluateInput() == null) {
                    throw new InputException(InputLocation.file(configFile.toString()),
                            "the evaluate stage needs labelled data: set evaluate.input or give --evaluate-input");
                }
                stage("evaluate", inputs(Map.of("data", cfg.input(), "evaluate_data", cfg.evaluateInput(), JUDGE, bundle(),
                        AUTOENCODER, outDir.resolve(AUTOENCODER)), "features", "labels", "model", "judge", "evaluate"),
                        List.of(EVALUATION), this::evaluate);
            }
            default -> throw new IllegalArgumentException(stage);
        }
    }

    // ---- the stages ----

    private Map<String, Object> autoencoder() {
        Training training = trainingSet();
        JudgeTrainingSet set = training.set();
        TrainedPipeline stage1 = new JudgePipelineTrainer(cfg.model(), cfg.judge()).fitAutoencoder(set.frame(), set.labels());
        JudgeLabels l = set.labels();
        AtomicFile.write(outDir.resolve(LABELS), os -> {
            CsvWriter w = new CsvWriter(os, ',');
            w.writeRow("row", "label", "source");
            for (int r = 0; r < l.rows(); r++) {
                w.writeRow(Integer.toString(r), l.values()[r] == JudgeLabels.UNKNOWN ? "" : Integer.toString(l.values()[r]),
                        l.source(r).id());
            }
            w.flush();
        });
        Bundles.write(training.features().withFeatures(stage1.pipeline()), outDir.resolve(AUTOENCODER), Bundles.createdAt());
        Map<String, Object> report = new LinkedHashMap<>(set.report());
        report.put("autoencoder_rows", stage1.pipeline().trainingSummary().get("rows"));
        out.printf(Locale.ROOT, "stage autoencoder: labels %s; autoencoder fitted on %s normal-looking rows%n",
                set.labels().counts(), report.get("autoencoder_rows"));
        return report;
    }

    private Map<String, Object> embed() {
        Pipeline stage1 = Bundles.read(outDir.resolve(AUTOENCODER));
        JudgeTrainingSet set = trainingSet().set();
        var ae = (io.sentinelrisk.core.detect.autoencoder.AutoencoderModel) stage1.detector();
        int threads = cfg.model().effectiveThreads();
        Matrix x = stage1.preparation().transform(set.frame());
        Matrix recon = ae.reconstruct(x, threads);
        Matrix emb = ae.embed(x, threads);
        double[] mse = new double[x.rows()];
        ae.score(x, mse, threads);
        List<String> names = stage1.preparation().featureNames();
        AtomicFile.write(outDir.resolve(EMBEDDING), os -> {
            CsvWriter w = new CsvWriter(os, ',');
            List<String> header = new ArrayList<>(List.of("row", HybridJudge.AE_ERROR));
            for (String n : names) {
                header.add("ae_error:" + n);
            }
            for (int k = 0; k < emb.cols(); k++) {
                header.add("ae_embedding_" + k);
            }
            w.writeRow(header.toArray(String[]::new));
            for (int r = 0; r < x.rows(); r++) {
                w.field(Integer.toString(r), true).field(Double.toString(mse[r]), false);
                for (int j = 0; j < x.cols(); j++) {
                    w.field(Double.toString(recon.get(r, j) - x.get(r, j)), false);
                }
                for (int k = 0; k < emb.cols(); k++) {
                    w.field(Double.toString(emb.get(r, k)), false);
                }
                w.endRow();
            }
            w.flush();
        });
        out.printf(Locale.ROOT, "stage embed: %d rows, %d features, embedding width %d%n", x.rows(), x.cols(), emb.cols());
        return Map.of("rows", x.rows(), "embedding_size", emb.cols());
    }

    private Map<String, Object> train() {
        Pipeline stage1 = Bundles.read(outDir.resolve(AUTOENCODER));
        JudgeTrainingSet set = trainingSet().set();
        Pipeline judged = new JudgePipelineTrainer(cfg.model(), cfg.judge()).fitJudge(stage1, set.frame(), set.labels());
        Bundles.write(judged, bundle(), Bundles.createdAt());
        HybridJudge j = judged.judge().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> val = (Map<String, Object>) j.summary().get("validation");
        out.printf(Locale.ROOT, "stage train: judge on %d inputs, threshold %.4f (%s); validation ROC AUC %.3f, F1 %.3f%n",
                j.inputNames().size(), j.threshold(), cfg.judge().thresholdRule(), (Double) val.get("roc_auc"), (Double) val.get("f1"));
        return j.summary();
    }

    private Map<String, Object> evaluate() {
        Pipeline stage1 = Bundles.read(outDir.resolve(AUTOENCODER));
        Pipeline judged = Bundles.read(bundle());
        JudgeTrainingSet set = trainingSet().set();
        // raw events get their features from the bundle's plan, as score computes them
        Dataset test = FeatureData.forScoring(cfg.evaluateInput(), null, false, cfg.model(), new EventScorer(judged), step -> { });
        if (test.labels() == null) {
            throw new InputException(InputLocation.file(test.source()), "evaluation data needs a label column ('"
                    + cfg.model().labelColumn() + "')");
        }
        var frame = test.frame();
        int[] labels = test.labels();
        if (cfg.labels().leaveOut() != null) {
            int[] keep = JudgeTrainingSet.rowsWithout(frame, cfg.labels().scenarioColumn(), cfg.labels().leaveOut(), false);
            frame = frame.selectRows(keep);
            int[] l = new int[keep.length];
            for (int i = 0; i < keep.length; i++) {
                l[i] = labels[keep[i]];
            }
            labels = l;
        }
        List<JudgeComparison.Result> results = JudgeComparison.compare(cfg, set, stage1, judged, frame, labels, cfg.baselines());
        int anomalies = 0;
        for (int y : labels) {
            anomalies += y;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("evaluation_data", test.source());
        report.put("rows", frame.rows());
        report.put("anomalies", anomalies);
        if (cfg.labels().leaveOut() != null) {
            report.put("left_out_scenario", cfg.labels().leaveOut());
        }
        report.put("training_labels", set.labels().counts());
        List<Map<String, Object>> rows = new ArrayList<>();
        out.printf(Locale.ROOT, "stage evaluate: %d rows, %d anomalies%n", frame.rows(), anomalies);
        out.printf(Locale.ROOT, "  %-22s %7s %7s %9s %7s %7s %9s%n", "method", "roc_auc", "ap", "precision", "recall", "f1", "fp/1k@80");
        for (JudgeComparison.Result r : results) {
            rows.add(r.toMap());
            out.printf(Locale.ROOT, "  %-22s %7.3f %7.3f %9.3f %7.3f %7.3f %9.1f%n", r.method(), r.rocAuc(), r.averagePrecision(),
                    r.precision(), r.recall(), r.f1(), r.fpPer1000AtRecall80());
        }
        report.put("results", rows);
        AtomicFile.write(evaluation(), os -> os.write(Json.bytes(report)));
        return Map.of("rows", frame.rows());
    }

    /** The training rows and labels, with the features of the plan computed first when there is one. */
    private Training trainingSet() {
        FeatureData.Training data = FeatureData.forTraining(cfg.input(), cfg.labels().file(), cfg.labels().column() != null,
                cfg.model(), cfg.features(), step -> { });
        return new Training(JudgeTrainingSet.of(cfg, data.data().frame(), data.data().labels(), null), data);
    }

    /** The judge's training set and the feature stage that made its features (none without a plan). */
    private record Training(JudgeTrainingSet set, FeatureData.Training features) {
    }

    // ---- stamps ----

    @FunctionalInterface
    private interface Work {
        Map<String, Object> run();
    }

    /** The checksums of a stage's input files and config sections. */
    private Map<String, Object> inputs(Map<String, Path> files, String... sections) {
        Map<String, Object> m = new java.util.TreeMap<>();
        Map<String, Path> all = new LinkedHashMap<>(files);
        if (cfg.labels().file() != null) {
            all.put("labels_file", cfg.labels().file());
        }
        if (cfg.labels().heuristics() != null) {
            all.put("heuristics", cfg.labels().heuristics());
        }
        if (cfg.features() != null && !cfg.features().startsWith("pack:")) {
            all.put("features", Path.of(cfg.features()));
        }
        for (Map.Entry<String, Path> e : all.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new InputException(InputLocation.file(e.getValue().toString()), "no such file (input '" + e.getKey()
                        + "' of this stage; run the stages before it)");
            }
            m.put(e.getKey(), sha256(e.getValue()));
        }
        for (String s : sections) {
            byte[] bytes = s.equals("split")
                    ? Json.bytes(Map.of("validation_fraction", cfg.judge().validationFraction()))
                    : cfg.sectionBytes(s);
            m.put("config." + s, sha256(bytes));
        }
        return m;
    }

    private void stage(String name, Map<String, Object> inputs, List<String> outputs, Work work) {
        Path stamp = outDir.resolve(name + ".stamp.json");
        if (!force && upToDate(stamp, inputs)) {
            out.printf(Locale.ROOT, "stage %s: up to date (inputs unchanged), skipped%n", name);
            return;
        }
        Map<String, Object> report = work.run();
        Map<String, Object> written = new java.util.TreeMap<>();
        for (String o : outputs) {
            written.put(o, sha256(outDir.resolve(o)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", name);
        m.put("inputs", inputs);
        m.put("outputs", written);
        m.put("report", report);
        AtomicFile.write(stamp, os -> os.write(Json.bytes(m)));
    }

    @SuppressWarnings("unchecked")
    private boolean upToDate(Path stamp, Map<String, Object> inputs) {
        if (!Files.isRegularFile(stamp)) {
            return false;
        }
        Map<String, Object> m;
        try {
            m = Json.readObject(Files.readAllBytes(stamp), stamp.toString());
        } catch (IOException | InputException e) {
            return false;   // a damaged stamp: run the stage again
        }
        if (!inputs.equals(m.get("inputs")) || !(m.get("outputs") instanceof Map<?, ?> outputs)) {
            return false;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) outputs).entrySet()) {
            Path p = outDir.resolve(e.getKey());
            if (!Files.isRegularFile(p) || !sha256(p).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading updates the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new InputException(InputLocation.file(file.toString()), "cannot read: " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
