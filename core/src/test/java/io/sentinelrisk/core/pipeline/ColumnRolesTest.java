package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnRolesTest {
    private static final SentinelConfig DEFAULTS = SentinelConfig.defaults();

    /** 400 rows as a CSV reader gives them (every column a feature but the label), 2% anomalies. */
    private static Frame events(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] eventId = new double[n];
        double[] rowNo = new double[n];
        double[] amount = new double[n];
        double[] constant = new double[n];
        String[] uuid = new String[n];
        String[] user = new String[n];
        String[] scenario = new String[n];
        String[] country = new String[n];
        for (int i = 0; i < n; i++) {
            eventId[i] = 5000 + 3 * i;
            rowNo[i] = n - i;   // a pandas index written out, in any order
            amount[i] = Math.round(r.nextDouble() * 1000) / 10.0;
            constant[i] = 7;
            uuid[i] = Long.toHexString(r.nextLong());
            user[i] = "u" + r.nextInt(40);
            scenario[i] = i % 50 == 0 ? "bot" : "normal";
            country[i] = List.of("FR", "DE", "US").get(r.nextInt(3));
        }
        return new Frames().numeric("event_id", eventId).numeric("Unnamed: 0", rowNo).numeric("amount", amount)
                .numeric("retries", constant).categorical("request", uuid).categorical("user", user)
                .categorical("scenario", scenario).categorical("country", country).build();
    }

    private static int[] labelsOf(Frame f) {
        int[] y = new int[f.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = f.column("scenario").text(i).equals("normal") ? 0 : 1;
        }
        return y;
    }

    private static ColumnRole role(Frame f, String column) {
        return f.schema().field(f.schema().indexOf(column)).role();
    }

    @Test
    void groundTruthIdentifiersRowNumbersAndConstantsAreNotFeatures() {
        Frame f = events(400, 1);
        ColumnRoles.Resolved r = ColumnRoles.forTraining(f, DEFAULTS, labelsOf(f));
        Frame out = r.frame();
        assertThat(role(out, "scenario")).isEqualTo(ColumnRole.IGNORE);
        assertThat(role(out, "event_id")).isEqualTo(ColumnRole.ID);        // by its name
        assertThat(role(out, "Unnamed: 0")).isEqualTo(ColumnRole.ID);      // a row number
        assertThat(role(out, "request")).isEqualTo(ColumnRole.ID);         // unique per row
        assertThat(role(out, "retries")).isEqualTo(ColumnRole.IGNORE);     // constant
        assertThat(out.schema().withRole(ColumnRole.FEATURE)).extracting(x -> x.name())
                .containsExactly("amount", "user", "country");
        assertThat(r.excluded()).extracting(ColumnRoles.Exclusion::column)
                .containsExactly("event_id", "Unnamed: 0", "retries", "request", "scenario");
        assertThat(r.warnings()).singleElement().asString().contains("'retries'").contains("constant").contains("'7'");
    }

    @Test
    void featureColumnsOverrideTheIdentifierAndGroundTruthRulesButNotConstancy() {
        Frame f = events(400, 2);
        SentinelConfig cfg = DEFAULTS.withOverrides(Map.of("feature_columns", List.of("event_id", "request", "scenario", "retries")), "test");
        Frame out = ColumnRoles.forTraining(ColumnRoles.assign(f, cfg, "t.csv"), cfg, null).frame();
        assertThat(role(out, "event_id")).isEqualTo(ColumnRole.FEATURE);
        assertThat(role(out, "request")).isEqualTo(ColumnRole.FEATURE);
        assertThat(role(out, "scenario")).isEqualTo(ColumnRole.FEATURE);
        assertThat(role(out, "retries")).isEqualTo(ColumnRole.IGNORE);
        SentinelConfig typo = DEFAULTS.withOverrides(Map.of("feature_columns", List.of("evnt_id")), "test");
        assertThatThrownBy(() -> ColumnRoles.forTraining(f, typo, null)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("the training data has no column(s) evnt_id named in feature_columns (its columns: event_id, ");
    }

    @Test
    void aColumnThatGivesTheLabelAwayIsNamedInAWarning() {
        Frame f = events(400, 3);
        int[] y = labelsOf(f);
        String[] verdict = new String[f.rows()];
        double[] leakedScore = new double[f.rows()];
        for (int i = 0; i < y.length; i++) {
            verdict[i] = y[i] == 1 ? "blocked" : "allowed";
            leakedScore[i] = y[i] * 10 + (i % 7);
        }
        Frame g = new Frames().categorical("verdict", verdict).numeric("risk_score", leakedScore)
                .numeric("amount", ((io.sentinelrisk.core.data.Column.Numeric) f.column("amount")).values()).build();
        List<String> w = ColumnRoles.forTraining(g, DEFAULTS, y).warnings();
        assertThat(w).hasSize(2);
        assertThat(w.get(0)).contains("'verdict'").contains("predicts the label perfectly");
        assertThat(w.get(1)).contains("'risk_score'");
        assertThat(ColumnRoles.forTraining(g, DEFAULTS, null).warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "ID", "event_id", "user_id", "Device-Id", "session_uuid", "userId", "TransactionID", "card2ID", "uuid"})
    void identifierNames(String name) {
        assertThat(ColumnRoles.isIdentifierName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"paid", "valid", "VALID", "ANDROID", "idle_time", "identity", "width"})
    void notIdentifierNames(String name) {
        assertThat(ColumnRoles.isIdentifierName(name)).isFalse();
    }

    @Test
    void trainingNeedsTenRowsAndAFeature() {
        PipelineTrainer trainer = new PipelineTrainer(DEFAULTS);
        Frame three = new Frames().numeric("x", 1, 2, 3).build();
        assertThatThrownBy(() -> trainer.fit(three, null)).isInstanceOf(InputException.class)
                .hasMessage("training needs at least 10 rows, the data has 3");
        double[] same = new double[20];
        java.util.Arrays.fill(same, 4);
        Frame constant = new Frames().numeric("x", same).numeric("y", same).build();
        assertThatThrownBy(() -> trainer.fit(constant, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("no feature columns to learn from: x (constant in the training data (every value is '4'))");
    }

    @Test
    void theTrainedRolesGoWithTheModel() {
        Frame f = events(400, 4);
        Pipeline p = new PipelineTrainer(DEFAULTS).fit(f, null).pipeline();
        assertThat(p.preparation().featureNames()).containsExactly("amount", "user", "country");
        Frame scored = ColumnRoles.asTrained(ColumnRoles.assign(events(30, 5), DEFAULTS, "new.csv"), p.schema());
        assertThat(role(scored, "event_id")).isEqualTo(ColumnRole.ID);
        assertThat(role(scored, "scenario")).isEqualTo(ColumnRole.IGNORE);
        assertThat(p.trainingSummary().get("excluded_columns")).asList().hasSize(5);
    }

    /** The rule as first written: both classes' ranges over every row, through Math.min/max. */
    private static boolean separableByWholeRanges(double[] v, int[] labels) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean[] missingIn = new boolean[2];
        for (int r = 0; r < labels.length; r++) {
            if (Double.isNaN(v[r])) {
                missingIn[labels[r]] = true;
                if (missingIn[0] && missingIn[1]) {
                    return false;
                }
                continue;
            }
            min[labels[r]] = Math.min(min[labels[r]], v[r]);
            max[labels[r]] = Math.max(max[labels[r]], v[r]);
        }
        return min[0] <= max[0] && min[1] <= max[1] && (max[0] < min[1] || max[1] < min[0]);
    }

    @Test
    void aSeparatingNumberIsFoundAsOverEveryRow() {
        SplittableRandom r = new SplittableRandom(3);
        double[] odd = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300};
        int separating = 0;
        for (int trial = 0; trial < 3_000; trial++) {
            int n = 1 + r.nextInt(trial % 3 == 0 ? 20_000 : 300);   // up to several blocks of the early stop
            double[] v = new double[n];
            int[] labels = new int[n];
            double cut = r.nextInt(5) - 2;
            int anomalies = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(Math.max(1, n / 20));
            boolean overlap = r.nextInt(3) == 0;
            int gap = r.nextInt(4) == 0 ? 0 : 1;   // 0: the classes may touch at the cut (not separable)
            int oddEvery = 1 + r.nextInt(200);
            for (int i = 0; i < n; i++) {
                labels[i] = i >= n - anomalies || r.nextInt(50) == 0 && anomalies > 0 ? 1 : 0;
                double side = labels[i] == 1 ? cut + gap + r.nextInt(3) : cut - r.nextInt(3);
                v[i] = r.nextInt(oddEvery) == 0 ? odd[r.nextInt(odd.length)] : side;
            }
            if (overlap && n > 1) {   // one late row of the wrong side
                int at = n - 1 - r.nextInt(Math.min(n, 10));
                v[at] = labels[at] == 1 ? cut - 1 : cut + 1;
            }
            boolean want = separableByWholeRanges(v, labels);
            separating += want ? 1 : 0;
            assertThat(ColumnRoles.separatesLabels(new io.sentinelrisk.core.data.Column.Numeric("v", v), labels))
                    .as("trial %d", trial).isEqualTo(want);
        }
        assertThat(separating).isBetween(100, 2_900);   // both answers were tested
    }
}
