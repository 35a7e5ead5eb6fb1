package io.sentinelrisk.server.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.StatsStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Business impact page's data, from the alerts stored in a time range: estimated cost at risk
 * per category and per time bucket (per currency: costs in different currencies are never added),
 * SLA met or breached per category, and alerts per recommended action. Costs and SLAs are the
 * bundle's business mapping's (docs/mapping.md); an alert without a mapping has neither.
 */
public final class BusinessImpact {
    /** Most categories and actions listed. */
    public static final int MAX_GROUPS = 50;
    /** The SLA states, in the order the page stacks them. */
    public static final List<String> SLA_STATES = List.of("met", "breached", "overdue", "pending", "no_sla");

    private BusinessImpact() {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CategoryCost(@JsonProperty("category") String category, @JsonProperty("currency") String currency,
                               @JsonProperty("alerts") long alerts, @JsonProperty("alerts_with_cost") long alertsWithCost,
                               @JsonProperty("estimated_cost") double estimatedCost) {
    }

    /** One currency's series over the range's buckets (alerts without a cost are under currency ""). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CostSeries(@JsonProperty("currency") String currency, @JsonProperty("alerts") long[] alerts,
                             @JsonProperty("estimated_cost") double[] estimatedCost) {
    }

    /** Alerts of one category per SLA state ({@link #SLA_STATES}). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlaRow(@JsonProperty("category") String category, @JsonProperty("met") long met,
                         @JsonProperty("breached") long breached, @JsonProperty("overdue") long overdue,
                         @JsonProperty("pending") long pending, @JsonProperty("no_sla") long noSla) {
        static SlaRow of(String category, long[] c) {
            return new SlaRow(category, c[0], c[1], c[2], c[3], c[4]);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ActionCount(@JsonProperty("action") String action, @JsonProperty("alerts") long alerts) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(@JsonProperty("from") String from, @JsonProperty("to") String to,
                       @JsonProperty("bucket") String bucket, @JsonProperty("buckets") List<String> buckets,
                       @JsonProperty("cost_by_category") List<CategoryCost> costByCategory,
                       @JsonProperty("cost_over_time") List<CostSeries> costOverTime,
                       @JsonProperty("sla") SlaRow slaTotal,
                       @JsonProperty("sla_by_category") List<SlaRow> slaByCategory,
                       @JsonProperty("actions") List<ActionCount> actions) {
    }

    public static View of(Database db, TimeRange range, String source, long now) {
        long from = range.from();
        long to = range.to();
        List<CategoryCost> costs = db.read("stats.cost_by_category", c -> StatsStore.costByCategory(c, from, to, source, MAX_GROUPS))
                .stream().map(x -> new CategoryCost(x.category(), x.currency(), x.alerts(), x.costed(), x.cost())).toList();
        int n = range.buckets();
        Map<String, CostSeries> series = new TreeMap<>();
        for (StatsStore.BucketCount b : db.read("stats.cost_over_time",
                c -> StatsStore.costOverTime(c, from, to, range.bucket().millis, source))) {
            CostSeries s = series.computeIfAbsent(b.group(), k -> new CostSeries(k, new long[n], new double[n]));
            if (b.bucket() >= 0 && b.bucket() < n) {
                s.alerts()[(int) b.bucket()] += b.count();
                s.estimatedCost()[(int) b.bucket()] += b.sum();
            }
        }
        Map<String, long[]> sla = new TreeMap<>();
        long[] total = new long[SLA_STATES.size()];
        for (StatsStore.SlaCount s : db.read("stats.sla", c -> StatsStore.sla(c, from, to, now, source))) {
            int k = SLA_STATES.indexOf(s.state());
            sla.computeIfAbsent(s.category(), x -> new long[SLA_STATES.size()])[k] += s.count();
            total[k] += s.count();
        }
        List<SlaRow> byCategory = new ArrayList<>();
        sla.forEach((k, v) -> byCategory.add(SlaRow.of(k, v)));
        List<ActionCount> actions = db.read("stats.actions", c -> StatsStore.actions(c, from, to, source, MAX_GROUPS))
                .stream().map(a -> new ActionCount(a.key(), a.count())).toList();
        return new View(Instant.ofEpochMilli(from).toString(), Instant.ofEpochMilli(to).toString(), range.bucket().id(),
                range.starts(), costs, List.copyOf(series.values()), SlaRow.of(null, total), byCategory, actions);
    }
}
