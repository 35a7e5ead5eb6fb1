package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
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
 * Above 8 features also {@code .genfs.csv}, the same on random 5-feature subspaces
 * ({@link #subspaces}).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.GeneratedPointsDump ../shared/datasets OUT_DIR [threads] [set,set...] [member seed, default 1]</pre>
 * (the held-out part and the generated points keep seed 11 whatever the member seed)
 */
public final class GeneratedPointsDump {
    private static final List<String> CANDIDATES = List.of("iforest", "hbos", "ecod", "knn", "knn_mean20", "ocsvm", "lof50");
    private static final int MAX_ROWS = 2000;
    private static final int KINDS = 5;
    private static final int SUBSPACE_ABOVE = 8;
    private static final int SUBSPACE_FEATURES = 5;
    private static final int SUBSPACE_DRAWS = 10;
    private static final int SUBSPACE_ROWS = 5000;

    public static void main(String[] args) throws IOException {
        DumpRun run = DumpRun.parse(args);
        int threads = run.threads();
        long seed = run.seed();
        run.forEachFitted((data, protocol, x) -> {
            Random r = new Random(11);
            int[] perm = DumpRun.shuffled(x.rows(), r);
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
            write(run.out().resolve(data.name() + "." + protocol + ".gen.csv"), kind, cols);
            if (x.cols() > SUBSPACE_ABOVE) {
                subspaces(fit, held, seed, threads, run.out().resolve(data.name() + "." + protocol + ".genfs.csv"));
            }
        });
    }

    /**
     * Goix's feature sub-sampling for the Mass-Volume / Excess-Mass criteria above 8 features
     * (uniform points cannot fill a high-dimensional box): SUBSPACE_DRAWS seeded draws of
     * SUBSPACE_FEATURES features; each candidate fitted on those features of at most
     * SUBSPACE_ROWS of the fitted part, scoring the held-out rows (kind 0) and as many uniform
     * points in the subspace's box (kind 1). Columns {@code draw,kind,<candidate>...}.
     */
    private static void subspaces(Matrix fit, Matrix held, long seed, int threads, Path file) throws IOException {
        Random r = new Random(13);
        int h = held.rows();
        int[] draw = new int[SUBSPACE_DRAWS * 2 * h];
        int[] kind = new int[draw.length];
        double[][] cols = new double[CANDIDATES.size()][draw.length];
        for (int t = 0; t < SUBSPACE_DRAWS; t++) {
            int[] features = pick(fit.cols(), SUBSPACE_FEATURES, r);
            Arrays.sort(features);
            int[] rows = fit.rows() > SUBSPACE_ROWS ? pick(fit.rows(), SUBSPACE_ROWS, r) : IntStream.range(0, fit.rows()).toArray();
            Arrays.sort(rows);
            Matrix sub = columns(fit.selectRows(rows), features);
            Matrix points = generate(sub, columns(held, features), r);
            Matrix heldAndBox = new Matrix(2 * h, features.length, Arrays.copyOf(points.data(), 2 * h * features.length));
            for (int i = 0; i < 2 * h; i++) {
                draw[t * 2 * h + i] = t;
                kind[t * 2 * h + i] = i / h;
            }
            for (int c = 0; c < CANDIDATES.size(); c++) {
                Map<String, Object> raw = new LinkedHashMap<>(ScoreDump.MEMBERS.get(CANDIDATES.get(c)));
                DetectorFactory f = Detectors.byType((String) raw.remove("type"));
                FittedDetector model = f.trainer(Params.parse(raw, f.params(), "generated"), seed).fit(sub, null, threads);
                double[] s = new double[2 * h];
                model.score(heldAndBox, s, threads);
                System.arraycopy(s, 0, cols[c], t * 2 * h, 2 * h);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("draw,kind," + String.join(",", CANDIDATES));
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < draw.length; i++) {
                line.setLength(0);
                line.append(draw[i]).append(',').append(kind[i]);
                for (double[] c : cols) {
                    line.append(',').append(c[i]);
                }
                w.println(line);
            }
        }
    }

    private static Matrix columns(Matrix m, int[] features) {
        double[] out = new double[m.rows() * features.length];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < features.length; j++) {
                out[i * features.length + j] = m.get(i, features[j]);
            }
        }
        return new Matrix(m.rows(), features.length, out);
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
        return Arrays.copyOf(DumpRun.shuffled(d, r), k);
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
