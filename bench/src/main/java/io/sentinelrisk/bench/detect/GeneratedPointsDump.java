package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.evaluate.Split;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * For the study of candidate selection by generated points (bench/generated_study.py): every
 * candidate fitted on a seeded 80% of the fitted rows of each set and protocol (the same fitted
 * rows as {@link ScoreDump}, standardised on them), scoring the other 20% (held-out rows, kind 0)
 * and points generated from the fitted rows without labels:
 * <ul>
 *   <li>kind 1, {@code box}: uniform in the bounding box of the 80% (the Mass-Volume /
 *       Excess-Mass reference measure);</li>
 *   <li>kind 2, {@code shuffle}: each feature drawn from a different random held-out row (the
 *       product of the marginals: correlations broken, every value ordinary);</li>
 *   <li>kind 3, {@code swap}: a held-out row with k features replaced by uniform values in
 *       their range, k uniform in 1..max(1, d/4) (a local, few-feature anomaly);</li>
 *   <li>kind 4, {@code tail}: a held-out row with k features moved beyond their range by up to
 *       a tenth of it, on a random side (a far, few-feature anomaly).</li>
 * </ul>
 * {@code DIR/<set>.<protocol>.gen.csv}: {@code kind}, then one column per candidate. Each kind
 * holds as many points as there are held-out rows, at most 2,000 (held-out rows likewise).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.GeneratedPointsDump ../shared/datasets OUT_DIR [threads] [set,set...] [member seed, default 1]</pre>
 * (the held-out part and the generated points keep seed 11 whatever the member seed)
 */
public final class GeneratedPointsDump {
    private static final List<String> CANDIDATES = List.of("iforest", "hbos", "ecod", "knn", "knn_mean20", "ocsvm", "lof50");
    private static final int MAX_ROWS = 2000;
    private static final int KINDS = 5;

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        java.util.Set<String> only = args.length > 3 ? java.util.Set.of(args[3].split(",")) : null;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        Files.createDirectories(out);
        List<Path> files;
        try (var s = Files.list(datasets)) {
            files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            NumericCsv data = NumericCsv.read(file);
            if (only != null && !only.contains(data.name())) {
                continue;
            }
            int n = data.labels().length;
            for (String protocol : List.of("unsupervised", "adbench", "semi")) {
                int[] fitted = switch (protocol) {
                    case "unsupervised" -> IntStream.range(0, n).toArray();
                    case "adbench" -> Split.stratified(data.labels(), 0.7, 1).train();
                    default -> Split.withLabel(Split.stratified(data.labels(), 0.8, 1).train(), data.labels(), 0);
                };
                Matrix x = ScoreDump.standardise(data.x().selectRows(fitted), data.x().selectRows(fitted))[0];
                Random r = new Random(11);
                int[] perm = shuffled(x.rows(), r);
                int fitSize = (int) (perm.length * 0.8);
                int[] fitPart = Arrays.copyOfRange(perm, 0, fitSize);
                int[] heldPart = Arrays.copyOfRange(perm, fitSize, Math.min(perm.length, fitSize + MAX_ROWS));
                Arrays.sort(fitPart);
                Arrays.sort(heldPart);
                Matrix fit = x.selectRows(fitPart);
                Matrix held = x.selectRows(heldPart);
                Matrix points = generate(fit, held, r);
                int[] kind = new int[points.rows()];
                for (int i = 0; i < kind.length; i++) {
                    kind[i] = i / held.rows();
                }
                double[][] cols = new double[CANDIDATES.size()][];
                for (int c = 0; c < CANDIDATES.size(); c++) {
                    long t0 = System.nanoTime();
                    Map<String, Object> raw = new LinkedHashMap<>(ScoreDump.MEMBERS.get(CANDIDATES.get(c)));
                    DetectorFactory f = Detectors.byType((String) raw.remove("type"));
                    FittedDetector model = f.trainer(Params.parse(raw, f.params(), "generated"), seed).fit(fit, null, threads);
                    cols[c] = new double[points.rows()];
                    model.score(points, cols[c], threads);
                    System.err.printf(Locale.ROOT, "%s %s %s %.1f s%n", data.name(), protocol, CANDIDATES.get(c), (System.nanoTime() - t0) / 1e9);
                }
                write(out.resolve(data.name() + "." + protocol + ".gen.csv"), kind, cols);
            }
        }
    }

    /** The held-out rows, then KINDS - 1 blocks of as many generated points (class comment). */
    static Matrix generate(Matrix fit, Matrix held, Random r) {
        int d = fit.cols();
        int h = held.rows();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < fit.rows(); i++) {
            for (int j = 0; j < d; j++) {
                double v = fit.get(i, j);
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        double[] out = new double[KINDS * h * d];
        System.arraycopy(held.data(), 0, out, 0, h * d);
        int maxChanged = Math.max(1, d / 4);
        for (int i = 0; i < h; i++) {
            int box = (h + i) * d;
            int shuffle = (2 * h + i) * d;
            int swap = (3 * h + i) * d;
            int tail = (4 * h + i) * d;
            for (int j = 0; j < d; j++) {
                out[box + j] = lo[j] + r.nextDouble() * (hi[j] - lo[j]);
                out[shuffle + j] = held.get(r.nextInt(h), j);
                out[swap + j] = held.get(i, j);
                out[tail + j] = held.get(i, j);
            }
            for (int j : pick(d, 1 + r.nextInt(maxChanged), r)) {
                out[swap + j] = lo[j] + r.nextDouble() * (hi[j] - lo[j]);
            }
            for (int j : pick(d, 1 + r.nextInt(maxChanged), r)) {
                double beyond = r.nextDouble() * 0.1 * (hi[j] - lo[j]);
                out[tail + j] = r.nextBoolean() ? hi[j] + beyond : lo[j] - beyond;
            }
        }
        return new Matrix(KINDS * h, d, out);
    }

    private static int[] pick(int d, int k, Random r) {
        return Arrays.copyOf(shuffled(d, r), k);
    }

    private static int[] shuffled(int n, Random r) {
        int[] perm = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static void write(Path p, int[] kind, double[][] cols) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(p))) {
            w.println("kind," + String.join(",", CANDIDATES));
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < kind.length; i++) {
                line.setLength(0);
                line.append(kind[i]);
                for (double[] c : cols) {
                    line.append(',').append(c[i]);
                }
                w.println(line);
            }
        }
    }
}
