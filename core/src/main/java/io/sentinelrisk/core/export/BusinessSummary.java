package io.sentinelrisk.core.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.core.mapping.CompiledMapping;
import io.sentinelrisk.core.mapping.FrameMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary report's {@code business} section: alerts (records flagged is_anomaly) and their
 * estimated cost per category of the bundle's mapping, in the mapping's order, then the generic
 * category; and the total per currency. The cost of a category is its cost per alert times its
 * alerts: a burst of alerts from one incident counts every alert.
 *
 * @param mapping    where the mapping came from ({@code pack:soc}, a file name)
 * @param alerts     records flagged is_anomaly
 * @param categories every category, with zero alerts too, so the shape does not depend on the data
 * @param totals     estimated cost of all alerts per currency (categories without a cost add nothing)
 */
@JsonPropertyOrder({"mapping", "alerts", "categories", "totals"})
public record BusinessSummary(@JsonProperty("mapping") String mapping,
                              @JsonProperty("alerts") long alerts,
                              @JsonProperty("categories") List<CategoryTotal> categories,
                              @JsonProperty("totals") List<CurrencyTotal> totals) {
    public BusinessSummary {
        categories = List.copyOf(categories);
        totals = List.copyOf(totals);
    }

    /**
     * @param estimatedCost alerts × the category's cost per alert, or null when the category states no cost
     */
    @JsonPropertyOrder({"category", "alerts", "estimated_cost", "currency"})
    public record CategoryTotal(@JsonProperty("category") String category,
                                @JsonProperty("alerts") long alerts,
                                @JsonProperty("estimated_cost") @JsonInclude(JsonInclude.Include.ALWAYS) Double estimatedCost,
                                @JsonProperty("currency") String currency) {
    }

    @JsonPropertyOrder({"currency", "estimated_cost"})
    public record CurrencyTotal(@JsonProperty("currency") String currency,
                                @JsonProperty("estimated_cost") double estimatedCost) {
    }

    /** The section of {@code data}, or null when its bundle has no mapping. */
    static BusinessSummary of(ScoredData data) {
        CompiledMapping mapping = data.pipeline().mapping().orElse(null);
        if (mapping == null) {
            return null;
        }
        Accumulator totals = new Accumulator(mapping);
        totals.add(data);
        return totals.result();
    }

    /** The section gathered over data scored block by block (in bounded memory: per-category totals). */
    static final class Accumulator {
        private final CompiledMapping mapping;
        private final Map<String, long[]> counts = new LinkedHashMap<>();
        private final Map<String, Business> first = new LinkedHashMap<>();
        private final Map<String, Double> costs = new LinkedHashMap<>();
        private long alerts;

        Accumulator(CompiledMapping mapping) {
            this.mapping = mapping;
            for (String c : mapping.categoryNames()) {
                counts.put(c, new long[1]);
            }
            counts.put(Business.GENERIC, new long[1]);
        }

        void add(ScoredData data) {
            FrameMapper mapper = mapping.bind(data.frame());
            boolean[] flagged = data.scores().isAnomaly();
            for (int r = 0; r < flagged.length; r++) {
                if (!flagged[r]) {
                    continue;
                }
                alerts++;
                Business b = data.business(mapper, r, false);
                counts.get(b.category())[0]++;
                first.putIfAbsent(b.category(), b);
                if (b.estimatedCost() != null) {
                    costs.merge(b.category(), b.estimatedCost(), Double::sum);
                }
            }
        }

        BusinessSummary result() {
            List<CategoryTotal> categories = new ArrayList<>();
            Map<String, Double> byCurrency = new TreeMap<>();
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                Business b = first.get(e.getKey());
                String currency = b != null ? b.currency() : mapping.currency(e.getKey());
                Double cost = costs.get(e.getKey());
                if (cost == null && mapping.costStated(e.getKey())) {
                    cost = 0.0;
                }
                categories.add(new CategoryTotal(e.getKey(), e.getValue()[0], cost, currency));
                if (cost != null) {
                    byCurrency.merge(currency, cost, Double::sum);
                }
            }
            List<CurrencyTotal> totals = new ArrayList<>();
            byCurrency.forEach((c, v) -> totals.add(new CurrencyTotal(c, v)));
            return new BusinessSummary(mapping.mapping().origin(), alerts, categories, totals);
        }
    }
}
