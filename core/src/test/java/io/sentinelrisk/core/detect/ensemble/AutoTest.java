package io.sentinelrisk.core.detect.ensemble;

import io.sentinelrisk.core.codec.BinaryWriter;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.PlantedData;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.pipeline.Detectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code auto}: which candidates it keeps, why, and that the kept ones are what scores. */
class AutoTest {
    private static final DetectorFactory AUTO = Detectors.byType("auto");
    private static final List<Map<String, Object>> DETERMINISTIC = List.of(
            Map.of("type", "ecod"), Map.of("type", "hbos"), Map.of("type", "knn"), Map.of("type", "lof", "n_neighbors", 5));

    private static AutoModel fit(Map<String, Object> raw, Matrix x) {
        return (AutoModel) AUTO.trainer(Params.parse(raw, AUTO.params(), "test"), 4).fit(x, null, 2);
    }

    @Test
    void agreementIsTheRankCorrelationWithTheOtherCandidatesMean() {
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {1.1, 2.3, 2.9, 4.2, 5.5, 6.1};
        double[] reversed = {6, 5, 4, 3, 2, 1};
        assertThat(Agreement.spearman(a, b)).isEqualTo(1.0);
        assertThat(Agreement.spearman(a, reversed)).isEqualTo(-1.0);
        assertThat(Agreement.spearman(a, new double[] {2, 2, 2, 2, 2, 2})).isZero();
        assertThat(Agreement.ranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
        double[] agreement = Agreement.leaveOneOut(new double[][] {a, b, {1, 2, 3, 4, 6, 5}, reversed});
        assertThat(agreement[3]).isNegative();
        assertThat(agreement[0]).isGreaterThan(0.5);
        assertThat(Agreement.sample(10, 20, 1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Agreement.sample(1000, 50, 1)).hasSize(50).isSorted().doesNotHaveDuplicates()
                .isEqualTo(Agreement.sample(1000, 50, 1));
    }

    @Test
    void keepsTheCandidatesAboveTheThresholdAndScoresLikeAnEnsembleOfThem() {
        PlantedData d = PlantedData.generate(5, 600, 12, 4);
        AutoModel all = fit(Map.of("members", DETERMINISTIC, "min_agreement", -1.0, "max_members", 4), d.x());
        assertThat(all.candidates()).extracting(AutoModel.Candidate::member)
                .containsExactly("ecod", "hbos", "knn", "lof(n_neighbors=5)");
        assertThat(all.candidates()).allMatch(AutoModel.Candidate::chosen);
        double[] agreements = all.candidates().stream().mapToDouble(AutoModel.Candidate::agreement).toArray();
        double lowest = java.util.Arrays.stream(agreements).min().orElseThrow();
        double highest = java.util.Arrays.stream(agreements).max().orElseThrow();
        assertThat(highest).isGreaterThan(lowest);

        double threshold = (lowest + highest) / 2;
        AutoModel some = fit(Map.of("members", DETERMINISTIC, "min_agreement", threshold, "max_members", 4), d.x());
        List<Map<String, Object>> kept = new java.util.ArrayList<>();
        for (int i = 0; i < agreements.length; i++) {
            assertThat(some.candidates().get(i).agreement()).isEqualTo(agreements[i]);
            assertThat(some.candidates().get(i).chosen()).isEqualTo(agreements[i] > threshold);
            if (agreements[i] > threshold) {
                kept.add(DETERMINISTIC.get(i));
            }
        }
        assertThat(kept).isNotEmpty().hasSizeLessThan(DETERMINISTIC.size());
        DetectorFactory ens = Detectors.byType("ensemble");
        FittedDetector ensemble = ens.trainer(Params.parse(Map.of("members", kept, "combination", "max"), ens.params(), "t"), 4)
                .fit(d.x(), null, 2);
        PlantedData fresh = PlantedData.generate(6, 200, 5, 4);
        double[] a = new double[205];
        double[] b = new double[205];
        some.score(fresh.x(), a, 2);
        ensemble.score(fresh.x(), b, 1);
        assertThat(a).containsExactly(b);
        assertThat(TrainingScores.of(some, d.x(), 2)).containsExactly(TrainingScores.of(ensemble, d.x(), 2));

        Map<String, Object> report = some.fitReport();
        assertThat(report).containsEntry("detector", "auto").containsEntry("combination", "max");
        assertThat(report.get("candidates").toString()).contains("ranks the rows unlike the other candidates")
                .contains("> min_agreement");
        assertThat(some.describe()).startsWith("auto kept").contains("dropped");

        // nobody above the bar: all are kept, and the report says so
        AutoModel none = fit(Map.of("members", DETERMINISTIC, "min_agreement", 0.999999, "max_members", 4), d.x());
        assertThat(none.candidates()).allMatch(AutoModel.Candidate::chosen);
        assertThat(none.fitReport().get("candidates").toString()).contains("the 4 most agreeing kept");
    }

    @Test
    void dropsTheCandidateThatIsWrongAboutTheDataAndSaysWhy() {
        // outliers far from the inliers in random directions: every distance or tail idea of odd
        // finds them; a linear one-class SVM ranks rows by one projection, which sees half of
        // them as the most normal rows there are
        PlantedData d = PlantedData.generate(11, 800, 16, 4);
        List<Map<String, Object>> members = List.of(Map.of("type", "ecod"), Map.of("type", "knn"),
                Map.of("type", "hbos"), Map.of("type", "ocsvm", "kernel", "linear"));
        DetectorFactory ocsvm = Detectors.byType("ocsvm");
        FittedDetector linear = ocsvm.trainer(Params.parse(Map.of("kernel", "linear"), ocsvm.params(), "t"), 1)
                .fit(d.x(), null, 2);
        double linearAuc = PlantedData.rocAuc(TrainingScores.of(linear, d.x(), 2), d.labels());
        assertThat(linearAuc).as("the linear candidate really is wrong about this data").isLessThan(0.8);

        AutoModel m = fit(Map.of("members", members), d.x());
        assertThat(m.candidates()).extracting(AutoModel.Candidate::chosen).containsExactly(true, true, true, false);
        assertThat(m.candidates().get(3).agreement()).isLessThan(m.minAgreement());
        assertThat(m.fitReport().get("candidates").toString())
                .contains("ocsvm(kernel=linear)").contains("ranks the rows unlike the other candidates");
        assertThat(m.describe()).contains("dropped ocsvm(kernel=linear)");
        assertThat(PlantedData.rocAuc(TrainingScores.of(m, d.x(), 2), d.labels())).isGreaterThan(0.99);
    }

    @Test
    void keepsTheMostAgreeingCandidatesUpToTheCap() {
        double[] agreement = {0.6, 0.9, 0.4, 0.9, 0.7};
        assertThat(CandidateChoice.keep(agreement, 0.5, 3)).containsExactly(false, true, false, true, true);
        assertThat(CandidateChoice.keep(agreement, 0.5, 9)).containsExactly(true, true, false, true, true);
        // equal agreement: the earlier candidate first
        assertThat(CandidateChoice.keep(agreement, 0.5, 1)).containsExactly(false, true, false, false, false);
        assertThat(CandidateChoice.keep(agreement, 0.65, 9)).containsExactly(false, true, false, true, true);
        // none above the threshold: the most agreeing, up to the cap
        assertThat(CandidateChoice.keep(agreement, 0.95, 2)).containsExactly(false, true, false, true, false);
        assertThat(CandidateChoice.keep(new double[] {0.1, 0.2}, 0.5, 5)).containsExactly(true, true);
    }

    @Test
    void theCapDropsTheCandidatesThatAreWrongAboutTheDataEvenWithoutAThreshold() {
        // a linear one-class SVM, which ranks the planted outliers badly (see above), first among
        // three candidates that find them: with no threshold, the cap alone keeps the right three
        PlantedData d = PlantedData.generate(11, 800, 16, 4);
        List<Map<String, Object>> members = List.of(Map.of("type", "ocsvm", "kernel", "linear"), Map.of("type", "ecod"),
                Map.of("type", "knn"), Map.of("type", "hbos"));
        AutoModel m = fit(Map.of("members", members, "min_agreement", -1.0, "max_members", 3), d.x());
        assertThat(m.candidates()).extracting(AutoModel.Candidate::chosen).containsExactly(false, true, true, true);
        assertThat(m.fitReport().get("candidates").toString()).contains("not among the 3 highest (max_members)");
        assertThat(m.describe()).contains("at most 3");
        AutoModel two = fit(Map.of("members", members, "min_agreement", -1.0, "max_members", 2), d.x());
        assertThat(two.kept().members()).hasSize(2);
        assertThat(two.candidates().get(0).chosen()).isFalse();
    }

    @Test
    void readsPartsWrittenBeforeTheCapAsUncapped() {
        PlantedData d = PlantedData.generate(7, 300, 6, 3);
        AutoModel m = fit(Map.of("members", DETERMINISTIC, "min_agreement", -1.0, "max_members", 4), d.x());
        // version 1: no max_members field
        byte[] kept = new EnsembleCodec(Detectors.catalog()).encode(m.kept());
        BinaryWriter w = new BinaryWriter("AUTO", 1)
                .writeString("robust_z").writeDouble(-1.0).writeInt(m.candidates().size());
        for (AutoModel.Candidate c : m.candidates()) {
            w.writeString(c.member()).writeDouble(c.agreement()).writeInt(c.chosen() ? 1 : 0);
        }
        AutoModel old = (AutoModel) AUTO.decode(w.writeBytes(kept).toByteArray(), "detector.bin");
        assertThat(old.maxMembers()).isEqualTo(4);
        assertThat(old.candidates()).isEqualTo(m.candidates());
        assertSameScores(m, old, d.x());
    }

    /** Both detectors give bit-identical scores on {@code x} (also for AutoBaselineTest). */
    static void assertSameScores(FittedDetector expected, FittedDetector actual, Matrix x) {
        double[] a = new double[x.rows()];
        double[] b = new double[x.rows()];
        expected.score(x, a, 2);
        actual.score(x, b, 2);
        assertThat(b).containsExactly(a);
    }

    @Test
    void theChoiceAndTheScoresDoNotDependOnTheThreadCount() {
        PlantedData d = PlantedData.generate(12, 700, 12, 5);
        Params p = Params.parse(Map.of(), AUTO.params(), "test");
        AutoModel one = (AutoModel) AUTO.trainer(p, 9).fit(d.x(), null, 1);
        AutoModel three = (AutoModel) AUTO.trainer(p, 9).fit(d.x(), null, 3);
        assertThat(three.candidates()).isEqualTo(one.candidates());
        assertThat(TrainingScores.of(three, d.x(), 3)).containsExactly(TrainingScores.of(one, d.x(), 1));
    }

    @Test
    void bundlePartRoundTripsTheChoiceAndTheScores() {
        PlantedData d = PlantedData.generate(7, 500, 10, 3);
        AutoModel m = fit(Map.of(), d.x());
        AutoModel back = (AutoModel) AUTO.decode(AUTO.encode(m), "detector.bin");
        assertThat(back.candidates()).isEqualTo(m.candidates());
        assertThat(back.maxMembers()).isEqualTo(3);
        assertThat(back.fitReport()).isEqualTo(m.fitReport());
        assertSameScores(m, back, d.x());
        assertThat(PlantedData.rocAuc(TrainingScores.of(m, d.x(), 2), d.labels())).isCloseTo(1.0, within(0.01));
    }

    /** hbos left the default candidates (docs/accuracy.md, leave one family out); listed, it is a candidate again. */
    @Test
    void theDefaultCandidatesAreIforestEcodAndTwoKnnsAndHbosCanBeListed() {
        PlantedData d = PlantedData.generate(7, 500, 10, 3);
        assertThat(fit(Map.of(), d.x()).candidates()).extracting(AutoModel.Candidate::member)
                .containsExactly("iforest", "ecod", "knn", "knn(n_neighbors=20, method=mean)");
        List<Map<String, Object>> withHbos = new java.util.ArrayList<>(AutoParams.DEFAULT_MEMBERS);
        withHbos.add(2, Map.of("type", "hbos"));
        AutoModel listed = fit(Map.of("members", withHbos), d.x());
        assertThat(listed.candidates()).extracting(AutoModel.Candidate::member)
                .containsExactly("iforest", "ecod", "hbos", "knn", "knn(n_neighbors=20, method=mean)");
        assertThat(listed.kept().members()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void refusesNestedCombinersAndTooFewCandidates() {
        assertThatThrownBy(() -> AUTO.paramsOf(Params.parse(Map.of("members", List.of(Map.of("type", "ensemble"),
                Map.of("type", "knn"))), AUTO.params(), "t"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("other than ensemble and auto");
        assertThatThrownBy(() -> AUTO.paramsOf(Params.parse(Map.of("members", List.of(Map.of("type", "knn"))),
                AUTO.params(), "t"))).isInstanceOf(ConfigException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> AUTO.paramsOf(Params.parse(Map.of("min_agreement", 1.0), AUTO.params(), "t")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("min_agreement");
    }
}
