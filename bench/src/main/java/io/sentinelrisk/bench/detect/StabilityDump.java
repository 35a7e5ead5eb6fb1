package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * For the study of selection by stability (bench/pvalue_study.py --stability): every {@code auto}
 * candidate fitted on two disjoint seeded 40% parts of the fitted rows of each set and protocol
 * (the same rows as {@link ScoreDump}), each part's model scoring the remaining 20%, rows neither
 * model saw (a neighbour detector scores its own training rows against themselves):
 * {@code DIR/<set>.<protocol>.stab.csv}, columns {@code <member>_a,<member>_b}. A candidate whose
 * two models rank those rows alike is stable under resampling. Half a is fitted with seed 1, half b
 * with seed 2, so a randomised candidate's seed noise counts as instability too.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.StabilityDump ../shared/datasets OUT_DIR [threads] [set,set...]</pre>
 */
public final class StabilityDump {
    private static final Map<String, Map<String, Object>> CANDIDATES = new LinkedHashMap<>();

    static {
        for (String m : List.of("iforest", "hbos", "ecod", "knn", "knn_mean20", "ocsvm", "lof50")) {
            CANDIDATES.put(m, ScoreDump.MEMBERS.get(m));
        }
    }

    public static void main(String[] args) throws IOException {
        DumpRun run = DumpRun.parse(args);
        int threads = run.threads();
        run.forEachFitted((data, protocol, x) -> {
            int[] perm = DumpRun.shuffled(x.rows(), new Random(7));
            int size = (int) (perm.length * 0.4);
            int[] a = java.util.Arrays.copyOfRange(perm, 0, size);
            int[] b = java.util.Arrays.copyOfRange(perm, size, 2 * size);
            int[] rest = java.util.Arrays.copyOfRange(perm, 2 * size, perm.length);
            java.util.Arrays.sort(a);
            java.util.Arrays.sort(b);
            java.util.Arrays.sort(rest);
            Matrix held = x.selectRows(rest);
            List<String> header = new ArrayList<>();
            List<double[]> cols = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> e : CANDIDATES.entrySet()) {
                int seed = 1;
                for (int[] part : List.of(a, b)) {
                    Map<String, Object> raw = new LinkedHashMap<>(e.getValue());
                    DetectorFactory f = Detectors.byType((String) raw.remove("type"));
                    FittedDetector model = f.trainer(Params.parse(raw, f.params(), "stability"), seed++)
                            .fit(x.selectRows(part), null, threads);
                    double[] s = new double[held.rows()];
                    model.score(held, s, threads);
                    cols.add(s);
                    header.add(e.getKey() + (seed == 2 ? "_a" : "_b"));
                }
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(run.out().resolve(data.name() + "." + protocol + ".stab.csv")))) {
                w.println(String.join(",", header));
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < held.rows(); i++) {
                    line.setLength(0);
                    for (int c = 0; c < cols.size(); c++) {
                        line.append(c > 0 ? "," : "").append(cols.get(c)[i]);
                    }
                    w.println(line);
                }
            }
            System.err.println(data.name() + " " + protocol + " done");
        });
    }
}
