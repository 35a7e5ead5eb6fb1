package io.sentinelrisk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.iforest.IsolationForest;
import io.sentinelrisk.core.detect.iforest.IsolationForestParams;
import io.sentinelrisk.core.detect.iforest.IsolationForestTrainer;
import io.sentinelrisk.core.detect.iforest.MaxSamples;
import io.sentinelrisk.core.error.SentinelException;
import io.sentinelrisk.core.metrics.RankingMetrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SentinelRisk's side of the side-by-side runs: fits our isolation forest on a labelled CSV and
 * scores every row, printing JSON lines in the format of {@code /work/shared/peers/py_peer.py}
 * (so {@code summarize.py} tabulates both):
 * <ul>
 *   <li>{@code "mode": "cold"} — the first fit and the first scoring in this fresh JVM, class
 *       loading and JIT compilation included: what a one-shot command-line run pays;</li>
 *   <li>{@code "mode": "warm"} — after {@code --warmup} fit+score rounds in the same process,
 *       the median of {@code --repeats} further rounds: the steady state of a long-running
 *       service.</li>
 * </ul>
 * Like py_peer.py, it fits on all rows and evaluates on all rows.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.PeerRunner --csv FILE [--seed 42]
 *      [--jobs 1] [--n-estimators 100] [--max-samples auto|INT|FRACTION] [--warmup 20] [--repeats 5]
 * </pre>
 */
public final class PeerRunner {
    private PeerRunner() {
    }

    record Options(Path csv, long seed, int jobs, int nEstimators, String maxSamples, int warmup, int repeats,
                   String labelColumn) {
    }

    public static void main(String[] args) throws IOException {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PeerRunner: " + e.getMessage());
            System.err.println("usage: PeerRunner --csv FILE [--seed 42] [--jobs 1] [--n-estimators 100] "
                    + "[--max-samples auto|INT|FRACTION] [--warmup 20] [--repeats 5] [--label-col label]");
            System.exit(2);
            return;
        }
        try {
            run(o);
        } catch (SentinelException e) {
            System.err.println("PeerRunner: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }

    private static void run(Options o) throws IOException {
        if (!Files.isRegularFile(o.csv())) {
            throw new io.sentinelrisk.core.error.InputException("no such file: " + o.csv());
        }
        double loadAvg = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        LabeledCsv data = LabeledCsv.load(o.csv(), o.labelColumn());
        double loadS = seconds(System.nanoTime() - t0);
        double rssAfterLoad = peakRssMb();

        IsolationForestParams params = IsolationForestParams.DEFAULTS
                .withNEstimators(o.nEstimators())
                .withMaxSamples(maxSamples(o.maxSamples()));
        IsolationForestTrainer trainer = new IsolationForestTrainer(params, o.seed());
        Matrix x = data.x();
        double[] scores = new double[x.rows()];

        // Cold: the very first fit and score of this JVM.
        Round cold = round(trainer, x, scores, o.jobs());
        Map<String, Object> coldLine = line(o, data, cold.model(), loadS, cold.fitS(), cold.scoreS(), scores,
                rssAfterLoad, loadAvg);
        coldLine.put("warmup_runs", 0);
        emit(coldLine, "cold");

        for (int i = 0; i < o.warmup(); i++) {
            round(trainer, x, scores, o.jobs());
        }
        double[] fits = new double[o.repeats()];
        double[] scoreTimes = new double[o.repeats()];
        Round last = null;
        for (int i = 0; i < o.repeats(); i++) {
            last = round(trainer, x, scores, o.jobs());
            fits[i] = last.fitS();
            scoreTimes[i] = last.scoreS();
        }
        Map<String, Object> warm = line(o, data, last.model(), loadS, median(fits), median(scoreTimes), scores,
                rssAfterLoad, loadAvg);
        warm.put("warmup_runs", o.warmup());
        warm.put("fit_s_runs", round6(fits));
        warm.put("score_s_runs", round6(scoreTimes));
        emit(warm, "warm");
    }

    private record Round(IsolationForest model, double fitS, double scoreS) {
    }

    private static Round round(IsolationForestTrainer trainer, Matrix x, double[] scores, int jobs) {
        long t0 = System.nanoTime();
        IsolationForest model = trainer.fit(x, null, jobs);
        long t1 = System.nanoTime();
        model.score(x, scores, jobs);
        long t2 = System.nanoTime();
        return new Round(model, seconds(t1 - t0), seconds(t2 - t1));
    }

    private static Map<String, Object> line(Options o, LabeledCsv data, IsolationForest model, double loadS,
                                            double fitS, double scoreS, double[] scores,
                                            double rssAfterLoad, double loadAvg) {
        int[] y = data.labels();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_estimators", o.nEstimators());
        params.put("max_samples", o.maxSamples());
        params.put("samples_per_tree", model.samplesPerTree());
        params.put("max_features", 1.0);
        params.put("bootstrap", false);
        params.put("random_state", o.seed());
        params.put("threads", o.jobs());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("peer", "java");
        r.put("algo", "iforest");
        r.put("library", "sentinelrisk");
        r.put("library_version", version());
        r.put("runtime", "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        r.put("dataset", data.name());
        r.put("rows", data.x().rows());
        r.put("cols", data.x().cols());
        r.put("train_rows", data.x().rows());
        r.put("eval_rows", data.x().rows());
        r.put("anomalies_eval", data.anomalies());
        r.put("seed", o.seed());
        r.put("n_jobs", o.jobs());
        r.put("params", params);
        r.put("load_s", round6(loadS));
        r.put("fit_s", round6(fitS));
        r.put("score_s", round6(scoreS));
        r.put("rows_per_s_score", scoreS > 0 ? Math.round(data.x().rows() / scoreS * 10) / 10.0 : null);
        // k = the number of anomalies, as the peers' scripts compute precision@k
        r.put("roc_auc", round6(RankingMetrics.rocAuc(scores, y)));
        r.put("average_precision", round6(RankingMetrics.averagePrecision(scores, y)));
        r.put("precision_at_k", round6(RankingMetrics.precisionAtK(scores, y, java.util.Arrays.stream(y).sum())));
        r.put("k", data.anomalies());
        r.put("rss_after_load_mb", rssAfterLoad);
        r.put("peak_rss_mb", peakRssMb());
        r.put("loadavg_1m_start", Math.round(loadAvg * 100) / 100.0);
        r.put("cpus", Runtime.getRuntime().availableProcessors());
        return r;
    }

    private static void emit(Map<String, Object> line, String mode) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) line.get("params");
        params.put("mode", mode);
        System.out.println(new ObjectMapper().writeValueAsString(line));
        System.out.flush();
    }

    private static MaxSamples maxSamples(String v) {
        if (v.equals("auto")) {
            return MaxSamples.AUTO;
        }
        return v.contains(".") ? MaxSamples.fraction(Double.parseDouble(v)) : MaxSamples.count(Integer.parseInt(v));
    }

    private static Options parse(String[] args) {
        Path csv = null;
        long seed = 42;
        int jobs = 1;
        int trees = 100;
        String maxSamples = "auto";
        int warmup = 20;
        int repeats = 5;
        String label = "label";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--csv" -> csv = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    case "--jobs" -> jobs = Integer.parseInt(v);
                    case "--n-estimators" -> trees = Integer.parseInt(v);
                    case "--max-samples" -> maxSamples = v;
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--repeats" -> repeats = Integer.parseInt(v);
                    case "--label-col" -> label = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + ": expected a number, found '" + v + "'");
            }
        }
        if (csv == null) {
            throw new IllegalArgumentException("--csv is required");
        }
        if (jobs < 1 || repeats < 1 || warmup < 0) {
            throw new IllegalArgumentException("--jobs and --repeats must be >= 1, --warmup >= 0");
        }
        return new Options(csv, seed, jobs, trees, maxSamples, warmup, repeats, label);
    }

    private static String version() {
        try (InputStream in = PeerRunner.class.getResourceAsStream(
                "/META-INF/maven/io.sentinelrisk/sentinelrisk-core/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return "dev";
    }

    /** Peak resident memory of this process (VmHWM), like py_peer.py's ru_maxrss. */
    private static double peakRssMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    String kb = l.substring(6).replace("kB", "").strip();
                    return Math.round(Long.parseLong(kb) / 102.4) / 10.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not on Linux
        }
        return -1;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static List<Double> round6(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(round6(d));
        }
        return out;
    }

    private static Double round6(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1e6) / 1e6;
    }
}
