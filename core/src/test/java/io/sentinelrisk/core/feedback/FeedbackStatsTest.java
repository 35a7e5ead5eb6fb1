package io.sentinelrisk.core.feedback;

import io.sentinelrisk.core.export.AlertIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeedbackStatsTest {
    private static final String MODEL = "0123456789abcdef";
    private static final String A6 = AlertIds.ofEventKey(MODEL, 42);

    private static FeedbackEntry v(String alert, String analyst, Verdict verdict, String time) {
        return new FeedbackEntry("fb", 0, alert, null, verdict, analyst, "", Instant.parse("2024-02-01T" + time + ":00Z"));
    }

    private static List<FeedbackEntry> verdicts() {
        List<FeedbackEntry> e = new ArrayList<>(List.of(
                v("a1", "kim", Verdict.TRUE_POSITIVE, "09:00"),
                v("a1", "lee", Verdict.TRUE_POSITIVE, "09:30"),
                v("a2", "kim", Verdict.FALSE_POSITIVE, "09:00"),
                v("a2", "lee", Verdict.TRUE_POSITIVE, "08:00"),       // a tie: the later verdict (kim's) decides
                v("a3", "kim", Verdict.BENIGN, "09:00"),
                v("a4", "kim", Verdict.UNKNOWN, "09:00"),
                v("a5", "kim", Verdict.TRUE_POSITIVE, "09:00"),
                v("a5", "kim", Verdict.FALSE_POSITIVE, "11:00"),      // kim changed their mind: the latest counts
                v("zz", "kim", Verdict.BENIGN, "09:00")));
        e.add(new FeedbackEntry("fb", 0, null, "42", Verdict.TRUE_POSITIVE, "kim", "", Instant.parse("2024-02-01T09:00:00Z")));
        return e;
    }

    private static Map<String, AlertFacts> facts() {
        Map<String, AlertFacts> f = new HashMap<>();
        f.put("a1", new AlertFacts("a1", "brute_force", Instant.parse("2024-01-01T10:00:00Z").toEpochMilli(), true));
        f.put("a2", new AlertFacts("a2", "brute_force", Instant.parse("2024-01-02T10:00:00Z").toEpochMilli(), true));
        f.put("a3", new AlertFacts("a3", "exfiltration", Instant.parse("2024-01-02T23:59:59Z").toEpochMilli(), true));
        f.put("a4", new AlertFacts("a4", "exfiltration", Instant.parse("2024-01-02T10:00:00Z").toEpochMilli(), true));
        f.put("a5", new AlertFacts("a5", "exfiltration", Instant.parse("2024-01-09T00:00:00Z").toEpochMilli(), false));
        f.put(A6, new AlertFacts(A6, "exfiltration", Instant.parse("2024-01-09T10:00:00Z").toEpochMilli(), true));
        return f;
    }

    @Test
    void consensusPrecisionByCategoryAndDayAccuracyAndAgreement() {
        FeedbackReport r = FeedbackStats.compute(verdicts(), MODEL, facts(), "category", FeedbackStats.Bucket.DAY);
        assertThat(r.verdicts()).isEqualTo(10);
        assertThat(r.verdictCounts()).isEqualTo(new FeedbackReport.VerdictCounts(5, 2, 2, 1));
        assertThat(r.alertsJudged()).isEqualTo(7);
        assertThat(r.alertsDecided()).isEqualTo(5);   // a4 is unknown, zz is not in the scored data
        assertThat(r.unmatchedVerdicts()).isEqualTo(1);
        assertThat(r.precision()).isEqualTo(new FeedbackReport.Tally("all", 5, 2, 2, 1, 0.4));
        assertThat(r.byCategory()).containsExactly(
                new FeedbackReport.Tally("brute_force", 2, 1, 1, 0, 0.5),
                new FeedbackReport.Tally("exfiltration", 3, 1, 1, 1, 1.0 / 3));
        assertThat(r.overTime().timeBasis()).isEqualTo("event_time");
        assertThat(r.overTime().periods()).containsExactly(
                new FeedbackReport.Tally("2024-01-01", 1, 1, 0, 0, 1.0),
                new FeedbackReport.Tally("2024-01-02", 2, 0, 1, 1, 0.0),
                new FeedbackReport.Tally("2024-01-09", 2, 1, 1, 0, 0.5));
        // flagged: a1 tp, a2 fp, a3 fp, a6 tp; not flagged: a5 (a false positive verdict) tn
        assertThat(r.modelAccuracy()).isEqualTo(new FeedbackReport.Accuracy("scored", 5, 3, 0.6, 2, 2, 1, 0));
        // a1: kim and lee agree (1), a2: they do not (0); pooled verdicts TP 3, FP 1
        assertThat(r.agreement().alerts()).isEqualTo(2);
        assertThat(r.agreement().pairwiseAgreement()).isEqualTo(0.5);
        assertThat(r.agreement().kappa()).isCloseTo((0.5 - 0.625) / (1 - 0.625), within(1e-12));
    }

    @Test
    void weeksAreIsoWeeks() {
        FeedbackReport r = FeedbackStats.compute(verdicts(), MODEL, facts(), "category", FeedbackStats.Bucket.WEEK);
        assertThat(r.overTime().periods()).extracting(FeedbackReport.Tally::key).containsExactly("2024-W01", "2024-W02");
        assertThat(r.overTime().periods().get(0).precision()).isEqualTo(1.0 / 3);
    }

    @Test
    void withoutScoredDataEveryJudgedAlertCountsAsFlagged() {
        FeedbackReport r = FeedbackStats.compute(verdicts(), MODEL, null, "category", FeedbackStats.Bucket.DAY);
        assertThat(r.unmatchedVerdicts()).isNull();
        assertThat(r.categoryBasis()).isEqualTo("none");
        assertThat(r.alertsDecided()).isEqualTo(6);   // zz counts now
        assertThat(r.byCategory()).extracting(FeedbackReport.Tally::key).containsExactly("unknown");
        assertThat(r.overTime().timeBasis()).isEqualTo("verdict_time");
        assertThat(r.overTime().periods()).extracting(FeedbackReport.Tally::key).containsExactly("2024-02-01");
        assertThat(r.modelAccuracy().basis()).isEqualTo("alerts_only");
        assertThat(r.modelAccuracy().accuracy()).isEqualTo(r.precision().precision()).isEqualTo(2.0 / 6);
    }

    @Test
    void noDecisionsGiveNullRatesNotNaN() {
        FeedbackReport r = FeedbackStats.compute(List.of(v("a1", "kim", Verdict.UNKNOWN, "09:00")), MODEL, null, "none",
                FeedbackStats.Bucket.DAY);
        assertThat(r.precision().precision()).isNull();
        assertThat(r.modelAccuracy().accuracy()).isNull();
        assertThat(r.agreement().kappa()).isNull();
        // every analyst agreeing on one verdict: chance agreement is 1, kappa undefined
        FeedbackReport same = FeedbackStats.compute(List.of(v("a1", "kim", Verdict.BENIGN, "09:00"),
                v("a1", "lee", Verdict.BENIGN, "09:00")), MODEL, null, "none", FeedbackStats.Bucket.DAY);
        assertThat(same.agreement().pairwiseAgreement()).isEqualTo(1.0);
        assertThat(same.agreement().kappa()).isNull();
    }
}
