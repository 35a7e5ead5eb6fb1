package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.Baseline;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.PlantedData;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code auto}'s baseline: unknown (the default) fits exactly as before the parameter existed;
 * clean averages the robust z scores of the clean members, and the bundle part keeps which.
 */
class AutoBaselineTest {
    private static final DetectorFactory AUTO = Detectors.byType("auto");
    private static final DetectorFactory KNN = Detectors.byType("knn");
    /** Members that exist on every build, in place of the default knn and kde. */
    private static final List<Map<String, Object>> CLEAN = List.of(
            Map.of("type", "knn"), Map.of("type", "knn", "n_neighbors", 20, "method", "mean"));

    private static AutoModel fit(Map<String, Object> raw, Matrix x, long seed) {
        return (AutoModel) AUTO.trainer(Params.parse(raw, AUTO.params(), "test"), seed).fit(x, null, 2);
    }

    private static Map<String, Object> clean() {
        return Map.of("baseline", "clean", "clean_members", CLEAN);
    }

    @Test
    void anUnknownBaselineValueIsOneClearConfigError() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("detector", Map.of("type", "auto", "baseline", "dirty"));
        assertThatThrownBy(() -> SentinelConfig.fromMap(raw, Map.of(), key -> null, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'baseline'").hasMessageContaining("unknown").hasMessageContaining("clean")
                .hasMessageContaining("dirty")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> AUTO.paramsOf(Params.parse(Map.of("baseline", "clean", "clean_members", List.of()),
                AUTO.params(), "t"))).isInstanceOf(ConfigException.class).hasMessageContaining("'clean_members'")
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> AUTO.paramsOf(Params.parse(Map.of("baseline", "clean",
                "clean_members", List.of(Map.of("type", "auto"))), AUTO.params(), "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'clean_members'")
                .hasMessageContaining("other than ensemble and auto");
        // a clean member's own parameters are checked by its detector, named under clean_members
        assertThatThrownBy(() -> AUTO.paramsOf(Params.parse(Map.of("clean_members", List.of(Map.of("type", "knn",
                "n_neighbors", 0))), AUTO.params(), "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'clean_members' in detector (auto), member 1 (knn)");
    }

    @Test
    void theDefaultsAreUnknownAndTheMeanOfKnnAndKde() {
        Map<String, Object> defaults = Params.defaults(AUTO.params()).asMap();
        assertThat(defaults.get("baseline")).isEqualTo("unknown");
        assertThat(defaults.get("clean_members")).isEqualTo(List.of(Map.of("type", "knn"), Map.of("type", "kde")));
        // with an unknown baseline the default clean list is not resolved: auto does not depend on it
        AutoParams p = (AutoParams) AUTO.paramsOf(Params.defaults(AUTO.params()));
        assertThat(p.baseline()).isEqualTo(Baseline.UNKNOWN);
        assertThat(p.cleanMembers()).isEmpty();
    }

    /** Scores of auto at its defaults by the code before the baseline existed (README.md beside the fixture). */
    @Test
    void withoutABaselineOrWithUnknownItScoresBitForBitAsBefore() throws Exception {
        Matrix x = pima();
        List<String> expected = Files.readAllLines(Path.of(getClass().getResource("auto-unknown-pima.csv").toURI()));
        for (Map<String, Object> raw : List.<Map<String, Object>>of(Map.of(), Map.of("baseline", "unknown"))) {
            AutoModel m = fit(raw, x, 7);
            assertThat(m.baseline()).isEqualTo(Baseline.UNKNOWN);
            double[] fitted = TrainingScores.of(m, x, 2);
            double[] scored = new double[x.rows()];
            m.score(x, scored, 2);
            for (int r = 0; r < x.rows(); r++) {
                String[] e = expected.get(r + 1).split(",");
                assertThat(fitted[r]).as("training score of row %d", r + 1).isEqualTo(Double.parseDouble(e[0]));
                assertThat(scored[r]).as("score of row %d", r + 1).isEqualTo(Double.parseDouble(e[1]));
            }
            assertThat(m.fitReport()).containsEntry("baseline", "unknown").containsKey("candidates");
        }
    }

    @Test
    void cleanIsTheMeanOfEachMembersRobustZAgainstItsOwnTrainingScores() {
        PlantedData train = PlantedData.generate(3, 400, 0, 4);
        PlantedData fresh = PlantedData.generate(4, 150, 8, 4);
        AutoModel m = fit(clean(), train.x(), 5);
        assertThat(m.baseline()).isEqualTo(Baseline.CLEAN);
        assertThat(m.kept().members()).hasSize(2);
        assertThat(m.kept().combination()).isEqualTo(Combination.AVERAGE);

        // the members fitted alone, normalised by hand: (s - median) / (1.4826 × MAD) of their training scores
        int n = fresh.x().rows();
        double[] expected = new double[n];
        double[] expectedTraining = new double[train.x().rows()];
        for (Map<String, Object> member : CLEAN) {
            Map<String, Object> own = new LinkedHashMap<>(member);
            own.remove("type");
            FittedDetector alone = KNN.trainer(Params.parse(own, KNN.params(), "t"), 1).fit(train.x(), null, 2);
            double[] trainingScores = TrainingScores.of(alone, train.x(), 2);
            double median = median(trainingScores);
            double[] dev = Arrays.stream(trainingScores).map(s -> Math.abs(s - median)).toArray();
            double scale = 1.4826 * median(dev);
            double[] s = new double[n];
            alone.score(fresh.x(), s, 2);
            for (int i = 0; i < n; i++) {
                expected[i] += (s[i] - median) / scale / CLEAN.size();
            }
            for (int i = 0; i < trainingScores.length; i++) {
                expectedTraining[i] += (trainingScores[i] - median) / scale / CLEAN.size();
            }
        }
        double[] got = new double[n];
        m.score(fresh.x(), got, 2);
        assertThat(got).containsExactly(expected, within(1e-12));
        assertThat(TrainingScores.of(m, train.x(), 2)).containsExactly(expectedTraining, within(1e-12));
        assertThat(PlantedData.rocAuc(got, fresh.labels())).isGreaterThan(0.95);
    }

    @Test
    void cleanChoosesNothingAndSaysWhyInTheReportAndTheLog() {
        PlantedData d = PlantedData.generate(3, 300, 0, 4);
        AutoModel m = fit(clean(), d.x(), 5);
        assertThat(m.candidates()).extracting(AutoModel.Candidate::member)
                .containsExactly("knn", "knn(n_neighbors=20, method=mean)");
        assertThat(m.candidates()).allMatch(AutoModel.Candidate::chosen);
        Map<String, Object> report = m.fitReport();
        assertThat(report).containsEntry("detector", "auto").containsEntry("baseline", "clean")
                .containsEntry("normalization", "robust_z").containsEntry("combination", "average")
                .doesNotContainKeys("candidates", "min_agreement", "max_members");
        assertThat((String) report.get("why"))
                .startsWith("baseline declared clean: mean of knn and knn(n_neighbors=20, method=mean)")
                .contains("docs/accuracy.md");
        assertThat(report.get("members")).isEqualTo(List.of(
                Map.of("member", "knn", "chosen", true), Map.of("member", "knn(n_neighbors=20, method=mean)", "chosen", true)));
        assertThat(m.describe()).startsWith("auto: baseline declared clean: mean of knn and");
        // the candidates are not fitted with a clean baseline: other candidates change nothing
        AutoModel withOtherCandidates = fit(Map.of("baseline", "clean", "clean_members", CLEAN,
                "members", List.of(Map.of("type", "ecod"), Map.of("type", "hbos"))), d.x(), 5);
        AutoTest.assertSameScores(m, withOtherCandidates, d.x());
    }

    @Test
    void theBundlePartKeepsTheBaselineSoABundleScoresAsItWasFitted() {
        PlantedData d = PlantedData.generate(7, 400, 8, 3);
        AutoModel clean = fit(clean(), d.x(), 5);
        AutoModel back = (AutoModel) AUTO.decode(AUTO.encode(clean), "detector.bin");
        assertThat(back.baseline()).isEqualTo(Baseline.CLEAN);
        assertThat(back.candidates()).extracting(AutoModel.Candidate::member)
                .isEqualTo(clean.candidates().stream().map(AutoModel.Candidate::member).toList());
        assertThat(back.fitReport()).isEqualTo(clean.fitReport());
        AutoTest.assertSameScores(clean, back, d.x());
        assertThat(TrainingScores.of(back, d.x(), 2)).containsExactly(TrainingScores.of(clean, d.x(), 2));

        AutoModel unknown = fit(Map.of("members", CLEAN), d.x(), 5);
        AutoModel unknownBack = (AutoModel) AUTO.decode(AUTO.encode(unknown), "detector.bin");
        assertThat(unknownBack.baseline()).isEqualTo(Baseline.UNKNOWN);
        assertThat(unknownBack.fitReport()).isEqualTo(unknown.fitReport());
        AutoTest.assertSameScores(unknown, unknownBack, d.x());
    }

    @Test
    void aPartWrittenBeforeTheBaselineReadsAsUnknown() {
        PlantedData d = PlantedData.generate(7, 300, 6, 3);
        AutoModel m = fit(Map.of("members", CLEAN, "min_agreement", -1.0), d.x(), 5);
        // version 2: the cap, no baseline
        byte[] kept = new EnsembleCodec(Detectors.catalog()).encode(m.kept());
        BinaryWriter w = new BinaryWriter("AUTO", 2)
                .writeString("robust_z").writeDouble(-1.0).writeInt(3).writeInt(m.candidates().size());
        for (AutoModel.Candidate c : m.candidates()) {
            w.writeString(c.member()).writeDouble(c.agreement()).writeInt(c.chosen() ? 1 : 0);
        }
        AutoModel old = (AutoModel) AUTO.decode(w.writeBytes(kept).toByteArray(), "detector.bin");
        assertThat(old.baseline()).isEqualTo(Baseline.UNKNOWN);
        assertThat(old.candidates()).isEqualTo(m.candidates());
        AutoTest.assertSameScores(m, old, d.x());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The raw features of datasets/pima.csv (768 × 8), read as the fixture's maker read them. */
    private Matrix pima() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(getClass().getResource("/datasets/pima.csv").toURI()));
        int cols = lines.get(0).split(",").length - 1;
        int rows = lines.size() - 1;
        double[] data = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            String[] f = lines.get(r + 1).split(",");
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = Double.parseDouble(f[c]);
            }
        }
        return new Matrix(rows, cols, data);
    }
}
