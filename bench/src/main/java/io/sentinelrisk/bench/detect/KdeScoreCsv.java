package io.sentinelrisk.bench.detect;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.kde.KdeModel;
import io.sentinelrisk.core.pipeline.Detectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Fits {@code kde} at its defaults (seed 1) on the rows of one headerless numeric CSV, as given
 * (no scaling), scores the rows of another and writes {@code h=<bandwidth>} then one score a line;
 * bench/kde_vs_prototype.py compares it with the study's prototype:
 * {@code java -cp bench/target/benchmarks.jar io.sentinelrisk.bench.detect.KdeScoreCsv FIT.csv SCORE.csv OUT.txt}
 */
public final class KdeScoreCsv {
    private KdeScoreCsv() {
    }

    public static void main(String[] args) throws IOException {
        Matrix fit = read(Path.of(args[0]));
        Matrix score = read(Path.of(args[1]));
        DetectorFactory f = Detectors.byType("kde");
        KdeModel m = (KdeModel) f.trainer(Params.parse(Map.of(), f.params(), "kde"), 1).fit(fit, null, 2);
        double[] s = new double[score.rows()];
        m.score(score, s, 2);
        StringBuilder out = new StringBuilder("h=").append(m.bandwidth()).append('\n');
        for (double v : s) {
            out.append(v).append('\n');
        }
        Files.writeString(Path.of(args[2]), out);
    }

    private static Matrix read(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        int d = lines.get(0).split(",").length;
        double[] v = new double[lines.size() * d];
        for (int i = 0; i < lines.size(); i++) {
            String[] t = lines.get(i).split(",");
            for (int j = 0; j < d; j++) {
                v[i * d + j] = Double.parseDouble(t[j]);
            }
        }
        return new Matrix(lines.size(), d, v);
    }
}
