package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.entity.EntityScore;
import io.sentinelrisk.core.metrics.LabelledMetrics;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's JSON written without Jackson is Jackson's, byte for byte, or left to Jackson. */
class SummaryReportJsonTest {
    private static final double[] ODD = {0.0, -0.0, 1e-7, 1e21, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1 + 0.2, -3.5};

    @RepeatedTest(40)
    void sameBytesAsJackson(RepetitionInfo info) {
        Random rnd = new Random(17L * info.getCurrentRepetition());
        SummaryReport report = report(rnd);
        byte[] own = SummaryReportJson.bytes(report);
        assertThat(own).as("written without Jackson").isNotNull();
        assertThat(new String(own, StandardCharsets.UTF_8)).isEqualTo(new String(Json.bytes(report), StandardCharsets.UTF_8));
        assertThat(own).isEqualTo(Json.bytes(report));
        assertThat(SummaryReport.bytes(report)).isEqualTo(Json.bytes(report));
    }

    @Test
    void leavesToJacksonWhatItDoesNotWrite() {
        record Ignored(@JsonProperty("a") int a, @JsonIgnore @JsonProperty("b") int b) {
        }
        record Unordered(@JsonProperty("a") int a) {
        }
        @JsonPropertyOrder({"a"})
        record Getter(@JsonProperty("a") int a) {
            public int getB() {
                return 2;
            }
        }
        @JsonPropertyOrder({"a"})
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        record NonEmpty(@JsonProperty("a") String a) {
        }
        for (Object v : List.of(new Ignored(1, 2), new Unordered(1), new Getter(1), new NonEmpty(""),
                Map.of(1, "key not a string"), new java.math.BigDecimal("1.50"), List.of(Thread.State.NEW))) {
            assertThat(SummaryReportJson.bytes(v)).as(String.valueOf(v)).isNull();
            assertThat(SummaryReportJson.bytes(Map.of("k", List.of(v)))).isNull();
        }
    }

    /** A report with every section, random values, odd strings and numbers, empty and null parts. */
    private static SummaryReport report(Random rnd) {
        Map<String, ColumnProfile> profile = new LinkedHashMap<>();
        for (int i = rnd.nextInt(5); i > 0; i--) {
            profile.put(text(rnd), switch (rnd.nextInt(3)) {
                case 0 -> new ColumnProfile.Numeric("numeric", "feature", rnd.nextInt(9), maybe(rnd), maybe(rnd), maybe(rnd), maybe(rnd));
                case 1 -> new ColumnProfile.Categorical("categorical", "id", rnd.nextLong(), rnd.nextInt(100));
                default -> new ColumnProfile.Timestamp("timestamp", "time", 0, rnd.nextBoolean() ? null : text(rnd), text(rnd));
            });
        }
        LabelledMetrics metrics = rnd.nextBoolean() ? null : new LabelledMetrics(rnd.nextInt(), rnd.nextLong(), number(rnd),
                number(rnd), number(rnd), maybe(rnd), maybe(rnd),
                new LabelledMetrics.PrecisionAtK(rnd.nextInt(9), maybe(rnd)), new LabelledMetrics.ConfusionCounts(1, 2, 3, 4));
        List<BusinessSummary.CategoryTotal> categories = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            categories.add(new BusinessSummary.CategoryTotal(text(rnd), rnd.nextInt(9), maybe(rnd), rnd.nextBoolean() ? null : "EUR"));
        }
        BusinessSummary business = rnd.nextBoolean() ? null : new BusinessSummary(text(rnd), rnd.nextInt(9), categories,
                rnd.nextBoolean() ? List.of() : List.of(new BusinessSummary.CurrencyTotal("USD", number(rnd))));
        SummaryReport.TopEntities entities = rnd.nextBoolean() ? null : new SummaryReport.TopEntities("24h", text(rnd), 2,
                List.of(new EntityScore(text(rnd), number(rnd), 3, number(rnd), "high", text(rnd), null)));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("contamination", number(rnd));
        config.put("bands", List.of(0.005, 0.02, 0.1f, 7L, 3));
        config.put("empty", Map.of());
        config.put("none", null);
        config.put("flag", rnd.nextBoolean());
        config.put("nested", Map.of("list", List.of(List.of(), Map.of("x", text(rnd))), "emptyList", List.of()));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("warnings", List.of(text(rnd), text(rnd)));
        training.put("metrics", io.sentinelrisk.core.metrics.MetricsReport.of(new double[] {0.1, 0.9, 0.5},
                new boolean[] {false, true, false}, new int[] {0, 1, 1}));
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("jvm_start", 120.0);
        timings.put("read", number(rnd));
        return new SummaryReport(1, "0.1.0", "score", text(rnd), rnd.nextBoolean() ? null : text(rnd), "iforest",
                rnd.nextInt(1000), new SummaryReport.SeverityCounts(1, 2, 3, 4), rnd.nextLong(), number(rnd),
                new SummaryReport.Thresholds(number(rnd), number(rnd), number(rnd), number(rnd), maybe(rnd)),
                metrics, business, entities, List.of(text(rnd)), config, training, profile, timings);
    }

    private static double number(Random rnd) {
        return rnd.nextInt(3) == 0 ? ODD[rnd.nextInt(ODD.length)] : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
    }

    private static Double maybe(Random rnd) {
        return rnd.nextInt(4) == 0 ? null : number(rnd);
    }

    /** Text with quotes, backslashes, control characters, DEL, accents, CJK and a character beyond the BMP. */
    private static String text(Random rnd) {
        String[] parts = {"a", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\u0000", "\u001f", "\u007f", "é", "€", "日本",
            "\ud83d\ude00", "\ud800", "\udfff", " ", "col name", "<>&'"};
        StringBuilder b = new StringBuilder();
        for (int i = rnd.nextInt(6); i > 0; i--) {
            b.append(parts[rnd.nextInt(parts.length)]);
        }
        return b.toString();
    }
}
