package io.sentinelrisk.bench.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.io.AtomicFile;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs every unsupervised detector on every labelled CSV of a folder (fit on all rows, evaluate
 * the fit-time scores against the labels, as the scikit-learn peers do) and writes ROC AUC and
 * average precision beside scikit-learn's iforest, ocsvm and lof run by
 * {@code shared/peers/py_peer.py} on the same files. Randomised detectors: mean over seeds.
 *
 * <pre>
 * bench/accuracy.sh --peers-table   # = java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.AccuracyRunner
 *   --datasets ../shared/datasets --peers ../shared/peers/py_peer.py --out docs/accuracy.md
 *   [--seeds 5] [--threads 2] [--include-gz] [--no-peers] [--no-supervised] [--only name,name]
 * </pre>
 */
public final class AccuracyRunner {
    /** Detectors whose result does not depend on the seed (one run is enough). */
    private static final Set<String> DETERMINISTIC = Set.of("hbos", "ecod", "knn", "lof");
    /** Settings that differ from the defaults, chosen to match the peers'. */
    private static final Map<String, Map<String, Object>> OVERRIDES = Map.of(
            "ocsvm", Map.of("nu", 0.01, "gamma", "scale", "max_train", 10000));
    private static final List<String> PEER_ALGOS = List.of("iforest", "ocsvm", "lof");

    private record Result(double auc, double ap, double fitSeconds, int runs) {
    }

    public static void main(String[] args) throws Exception {
        Path datasets = Path.of("../shared/datasets");
        Path peer = Path.of("../shared/peers/py_peer.py");
        Path out = Path.of("docs/accuracy.md");
        int seeds = 5;
        int threads = 2;
        boolean gz = false;
        boolean peers = true;
        boolean supervised = true;
        Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--datasets" -> datasets = Path.of(args[++i]);
                case "--peers" -> peer = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--include-gz" -> gz = true;
                case "--no-peers" -> peers = false;
                case "--no-supervised" -> supervised = false;
                case "--only" -> only = Set.of(args[++i].split(","));
                default -> {
                    System.err.println("accuracy: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        boolean includeGz = gz;
        List<Path> files;
        try (Stream<Path> s = Files.list(datasets)) {
            files = s.filter(p -> p.toString().endsWith(".csv") || (includeGz && p.toString().endsWith(".csv.gz")))
                    .sorted().toList();
        }
        StringBuilder md = new StringBuilder();
        // Everything above the marker (the protocol tables of ProtocolAccuracy and their reading) is kept.
        String marker = "<!-- peers-table:begin -->";
        String old = Files.exists(out) ? Files.readString(out) : "";
        int keep = old.indexOf(marker);
        if (keep >= 0) {
            md.append(old, 0, keep);
        } else {
            md.append("# Detector accuracy on the ODDS / ADBench datasets\n\n");
        }
        md.append(marker).append("\n\n## Every detector beside scikit-learn's peers\n\n");
        md.append("Every unsupervised detector fitted on all rows of each labelled CSV in `shared/datasets` and evaluated on its "
                + "fit-time scores (kNN and LOF leave each row out of its own neighbourhood), as scikit-learn's peers in "
                + "`shared/peers/py_peer.py` are. Features are standardised (mean 0, standard deviation 1) before our "
                + "detectors see them, as the product's prepare stage does; the peers get raw features, except OneClassSVM "
                + "which the peer standardises itself, so LOF is also shown on raw features (the like-for-like check). "
                + "Fit+score seconds are wall clock on a shared 2-core machine and only indicative. ocsvm runs with nu=0.01, gamma=scale, max_train=10000 like the peer; "
                + "every other detector with its defaults. Detectors that use the seed: mean over " + seeds
                + " seeds (1..." + seeds + "); the peers' iforest likewise; sklearn ocsvm over the same seeds when it samples.\n\n");
        md.append("Reproduce (from the repository root, needs `/usr/bin/python3` with scikit-learn for the peer columns):\n\n```\n"
                + "bin/build -pl bench -am package -DskipTests\nbench/accuracy.sh --peers-table\n```\n\n");
        md.append("| dataset | rows × features | anomalies | detector | ROC AUC | average precision | fit+score s | scikit-learn ROC AUC | scikit-learn AP |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Result>> ours = new java.util.LinkedHashMap<>();
        Map<String, List<Result>> theirs = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            NumericCsv data = NumericCsv.read(file);
            if (only != null && !only.contains(data.name())) {
                continue;
            }
            Matrix x = data.standardised();
            int anomalies = java.util.Arrays.stream(data.labels()).sum();
            Map<String, Result> peerResults = new java.util.HashMap<>();
            if (peers) {
                for (String algo : PEER_ALGOS) {
                    boolean seeded = algo.equals("iforest") || (algo.equals("ocsvm") && x.rows() > 10000);
                    peerResults.put(algo, runPeer(peer, file, algo, seeded ? seeds : 1, threads));
                }
            }
            for (DetectorFactory f : Detectors.all()) {
                if (f.supervised()) {
                    continue;
                }
                boolean seeded = !DETERMINISTIC.contains(f.type()) && !(f.type().equals("ocsvm") && x.rows() <= 10000);
                Result r = runOurs(f, x, data.labels(), seeded ? seeds : 1, threads);
                Result p = peerResults.get(f.type());
                ours.computeIfAbsent(f.type(), t -> new java.util.ArrayList<>()).add(r);
                if (p != null) {
                    theirs.computeIfAbsent(f.type(), t -> new java.util.ArrayList<>()).add(p);
                }
                md.append(String.format(Locale.ROOT, "| %s | %,d × %d | %d | %s | %.4f | %.4f | %.2f | %s | %s |%n",
                        data.name(), x.rows(), x.cols(), anomalies, f.type() + (r.runs > 1 ? " (" + r.runs + " seeds)" : ""),
                        r.auc, r.ap, r.fitSeconds, p == null ? "" : fmt(p.auc), p == null ? "" : fmt(p.ap)));
                System.err.printf(Locale.ROOT, "%s %s auc %.4f ap %.4f (%.1f s)%n", data.name(), f.type(), r.auc, r.ap, r.fitSeconds);
                if (f.type().equals("lof")) {
                    // the peer's LOF sees raw features: the like-for-like check of the implementation
                    Result raw = runOurs(f, data.x(), data.labels(), 1, threads);
                    md.append(String.format(Locale.ROOT, "| %s | %,d × %d | %d | lof, raw features | %.4f | %.4f | %.2f | %s | %s |%n",
                            data.name(), x.rows(), x.cols(), anomalies, raw.auc, raw.ap, raw.fitSeconds,
                            p == null ? "" : fmt(p.auc), p == null ? "" : fmt(p.ap)));
                }
            }
        }
        appendMeans(md, ours, theirs, files.size());
        if (supervised) {
            appendSupervised(md, files, only, peer, peers, threads);
        }
        md.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(Runtime.version()).append(", ").append(threads).append(" threads.\n");
        AtomicFile.writeString(out, md.toString());
        System.err.println("wrote " + out);
    }

    /**
     * Mean ROC AUC and AP of each detector over the datasets, beside scikit-learn's where it has
     * the detector, and how the default ensemble compares with the best single detector.
     */
    private static void appendMeans(StringBuilder md, Map<String, List<Result>> ours, Map<String, List<Result>> theirs,
                                    int datasets) {
        md.append("\n## Means over the datasets\n\n");
        md.append("| detector | datasets | mean ROC AUC | mean average precision | scikit-learn mean ROC AUC | scikit-learn mean AP |\n");
        md.append("|---|---|---|---|---|---|\n");
        String best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<Result>> e : ours.entrySet()) {
            double auc = mean(e.getValue(), Result::auc);
            List<Result> peer = theirs.getOrDefault(e.getKey(), List.of());
            boolean peerComplete = peer.size() == e.getValue().size();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %s | %s |%n", e.getKey(), e.getValue().size(), auc,
                    mean(e.getValue(), Result::ap), peerComplete ? fmt(mean(peer, Result::auc)) : "",
                    peerComplete ? fmt(mean(peer, Result::ap)) : ""));
            if (!e.getKey().equals("ensemble") && auc > bestAuc) {
                bestAuc = auc;
                best = e.getKey();
            }
        }
        List<Result> ensemble = ours.get("ensemble");
        if (ensemble != null && best != null && ensemble.size() == datasets) {
            double auc = mean(ensemble, Result::auc);
            md.append(String.format(Locale.ROOT, "%nThe default ensemble (%s) has a mean ROC AUC of %.4f over the %d datasets; "
                            + "the best single detector, %s, has %.4f: the ensemble is %s.%n", defaultEnsemble(), auc, datasets,
                    best, bestAuc,
                    auc > bestAuc ? "above every single detector" : "NOT above every single detector"));
        }
    }

    /** The default ensemble's members and combination, as its parameter defaults say. */
    private static String defaultEnsemble() {
        List<String> members = new java.util.ArrayList<>();
        String combination = "";
        String normalization = "";
        for (io.sentinelrisk.core.config.ParamSpec spec : Detectors.byType("ensemble").params()) {
            switch (spec.name()) {
                case "members" -> ((List<?>) spec.defaultValue()).forEach(m -> members.add(String.valueOf(((Map<?, ?>) m).get("type"))));
                case "combination" -> combination = String.valueOf(spec.defaultValue());
                case "normalization" -> normalization = String.valueOf(spec.defaultValue());
                default -> { }
            }
        }
        return String.join(", ", members) + "; " + combination + " of " + normalization + " scores";
    }

    private static double mean(List<Result> results, java.util.function.ToDoubleFunction<Result> field) {
        return results.stream().mapToDouble(field).average().orElse(Double.NaN);
    }

    /** Peer-matching settings for the supervised detectors (py_peer.py's rf and xgb). */
    private static final Map<String, Map<String, Object>> SUPERVISED = Map.of(
            "random_forest", Map.of("n_estimators", 200),
            "xgboost", Map.of("n_estimators", 200, "max_depth", 6, "learning_rate", 0.1, "tree_method", "hist"));
    private static final Map<String, String> SUPERVISED_PEER = Map.of("random_forest", "rf", "xgboost", "xgb");

    private static void appendSupervised(StringBuilder md, List<Path> files, Set<String> only, Path peer, boolean peers,
                                         int threads) throws IOException, InterruptedException {
        md.append("\n## Supervised detectors\n\nStratified split, 70% to fit (with the labels), 30% to evaluate, seed 1; "
                + "the scikit-learn / XGBoost peers (`py_peer.py --algo rf|xgb --seed 1`) make their own stratified 70/30 "
                + "split of the same file, so the held-out rows differ. random_forest: n_estimators=200 (as the peer's "
                + "RandomForestClassifier); xgboost: n_estimators=200, max_depth=6, learning_rate=0.1, tree_method=hist "
                + "(as the peer's XGBClassifier).\n\n");
        md.append("| dataset | detector | ROC AUC | average precision | fit+score s | peer | peer ROC AUC | peer AP |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Path file : files) {
            NumericCsv data = NumericCsv.read(file);
            if (only != null && !only.contains(data.name())) {
                continue;
            }
            Matrix all = data.standardised();
            int[][] split = stratifiedSplit(data.labels(), 0.7, 1);
            Matrix train = all.selectRows(split[0]);
            Matrix test = all.selectRows(split[1]);
            int[] yTrain = pick(data.labels(), split[0]);
            int[] yTest = pick(data.labels(), split[1]);
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(SUPERVISED_PEER).entrySet()) {
                DetectorFactory f = Detectors.byType(e.getKey());
                Params p = Params.parse(SUPERVISED.get(e.getKey()), f.params(), "accuracy (" + f.type() + ")");
                long t0 = System.nanoTime();
                FittedDetector m = f.trainer(p, 1).fit(train, yTrain, threads);
                double[] s = new double[test.rows()];
                m.score(test, s, threads);
                double secs = (System.nanoTime() - t0) / 1e9;
                Result pr = peers ? runPeer(peer, file, e.getValue(), 1, threads) : null;
                md.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.4f | %.2f | %s | %s | %s |%n", data.name(), f.type(),
                        RankingMetrics.rocAuc(s, yTest), RankingMetrics.averagePrecision(s, yTest), secs, e.getValue(),
                        pr == null ? "" : fmt(pr.auc), pr == null ? "" : fmt(pr.ap)));
                System.err.printf(Locale.ROOT, "%s %s auc %.4f%n", data.name(), f.type(), RankingMetrics.rocAuc(s, yTest));
            }
        }
    }

    /** Row indices {train, test}: each class shuffled (seeded) and cut at {@code fraction}. */
    static int[][] stratifiedSplit(int[] y, double fraction, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        List<Integer> train = new java.util.ArrayList<>();
        List<Integer> test = new java.util.ArrayList<>();
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> rows = new java.util.ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == cls) {
                    rows.add(i);
                }
            }
            for (int i = rows.size() - 1; i > 0; i--) {
                java.util.Collections.swap(rows, i, rnd.nextInt(i + 1));
            }
            int cut = (int) Math.round(rows.size() * fraction);
            train.addAll(rows.subList(0, cut));
            test.addAll(rows.subList(cut, rows.size()));
        }
        return new int[][] {train.stream().mapToInt(Integer::intValue).sorted().toArray(),
                test.stream().mapToInt(Integer::intValue).sorted().toArray()};
    }

    static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Result runOurs(DetectorFactory f, Matrix x, int[] y, int seeds, int threads) {
        Params p = Params.parse(OVERRIDES.getOrDefault(f.type(), Map.of()), f.params(), "accuracy (" + f.type() + ")");
        double auc = 0;
        double ap = 0;
        double secs = 0;
        for (int s = 1; s <= seeds; s++) {
            long t0 = System.nanoTime();
            FittedDetector m = f.trainer(p, s).fit(x, null, threads);
            double[] scores = TrainingScores.of(m, x, threads);
            secs += (System.nanoTime() - t0) / 1e9;
            auc += RankingMetrics.rocAuc(scores, y);
            ap += RankingMetrics.averagePrecision(scores, y);
        }
        return new Result(auc / seeds, ap / seeds, secs / seeds, seeds);
    }

    private static Result runPeer(Path script, Path csv, String algo, int seeds, int threads) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        double auc = 0;
        double ap = 0;
        double secs = 0;
        for (int s = 1; s <= seeds; s++) {
            Process proc = new ProcessBuilder("/usr/bin/python3", script.toString(), "--csv", csv.toString(), "--algo", algo,
                    "--seed", String.valueOf(s), "--jobs", String.valueOf(threads)).redirectErrorStream(false).start();
            String line;
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                while ((line = r.readLine()) != null) {
                    last = line;
                }
            }
            String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (proc.waitFor() != 0 || last == null) {
                System.err.println("peer " + algo + " failed on " + csv + ": " + err.strip());
                return new Result(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            JsonNode rec = json.readTree(last);
            auc += rec.get("roc_auc").asDouble();
            ap += rec.get("average_precision").asDouble();
            secs += rec.get("fit_s").asDouble() + rec.get("score_s").asDouble();
        }
        return new Result(auc / seeds, ap / seeds, secs / seeds, seeds);
    }
}
