package io.sentinelrisk.core.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The training metrics' map is the one Jackson's data binder made of the record: same keys, order, values and types. */
class MetricsReportTest {
    private static Map<String, Object> byJackson(double[] scores, boolean[] predicted, int[] labels) {
        return new ObjectMapper().convertValue(LabelledMetrics.of(scores, predicted, labels),
                new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @Test
    void theSameMapAsTheDataBinderMade() {
        SplittableRandom random = new SplittableRandom(3);
        // labelled both ways; one class only (ROC AUC undefined: null); nothing predicted (precision 0 or NaN)
        for (int c = 0; c < 4; c++) {
            int n = 500;
            double[] scores = new double[n];
            boolean[] predicted = new boolean[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = c == 3 ? Math.floor(random.nextDouble() * 4) : random.nextDouble();
                labels[i] = c == 1 ? 0 : random.nextDouble() < 0.1 ? 1 : 0;
                predicted[i] = c != 2 && scores[i] > 0.8;
            }
            Map<String, Object> ours = MetricsReport.of(scores, predicted, labels);
            Map<String, Object> theirs = byJackson(scores, predicted, labels);
            assertThat(ours).isEqualTo(theirs);
            assertThat(new ArrayList<>(ours.keySet())).isEqualTo(new ArrayList<>(theirs.keySet()));
            assertThat(types(ours)).isEqualTo(types(theirs));
        }
    }

    /** Every value's class, nested maps walked, in order. */
    private static List<String> types(Map<String, Object> map) {
        List<String> out = new ArrayList<>();
        map.forEach((k, v) -> {
            out.add(k + ":" + (v == null ? "null" : v instanceof Map ? "map" : v.getClass().getSimpleName()));
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) m;
                out.addAll(types(inner));
            }
        });
        return out;
    }
}
