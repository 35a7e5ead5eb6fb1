package io.sentinelrisk.server.scoring;

import io.sentinelrisk.server.metrics.ServerMetrics;
import io.sentinelrisk.server.store.Database;
import io.sentinelrisk.server.store.EntityStateStore;

import java.util.List;

/**
 * Deletes entity states that are as good as none. An entity whose next event comes more than the
 * plan's {@code entity_ttl} after its latest one starts afresh — windows, previous-event lookups
 * and novelty counts alike, since the plan's windows are at most the TTL — so its stored state
 * can be dropped once no event it could still meet is within the TTL. The stream's clock is the
 * newest event time stored for the source and plan; events may come up to {@code latenessMs}
 * behind it, so a state is deleted when it expired before that newest time less the lateness.
 * An event of a pruned entity at or after that point scores exactly as if its state had been
 * kept; only an event older than it (later than the allowed lateness) could differ.
 *
 * <p>Runs in its own short transactions of at most {@value #BATCH} rows, never under the ingest
 * lock (only the in-memory copies of the deleted entities are dropped under it, a few map
 * removals), so ingest goes on while it runs.
 */
public final class EntityStatePruner {
    /** Most rows deleted in one transaction. */
    public static final int BATCH = 1000;

    private final Database db;
    private final EventIngest ingest;
    private final ServerMetrics metrics;
    private final long latenessMs;

    /** What one run did: states deleted, states left. */
    public record Outcome(long pruned, long rows) {
    }

    public EntityStatePruner(Database db, EventIngest ingest, ServerMetrics metrics, long latenessMs) {
        if (latenessMs < 0) {
            throw new IllegalArgumentException("lateness must be ≥ 0, not " + latenessMs);
        }
        this.db = db;
        this.ingest = ingest;
        this.metrics = metrics;
        this.latenessMs = latenessMs;
    }

    /** One pass over every source and plan; updates the metrics. */
    public Outcome pruneOnce() {
        long pruned = 0;
        for (EntityStateStore.Plan plan : db.read("entity_state.plans", EntityStateStore::plans)) {
            long cutoff = plan.newestEvent() - latenessMs;
            if (cutoff > plan.newestEvent()) {
                continue;   // underflow: nothing is old enough
            }
            while (true) {
                List<String> deleted = db.inTransaction("entity_state.prune",
                        c -> EntityStateStore.pruneExpired(c, plan.source(), plan.planId(), cutoff, BATCH));
                if (deleted.isEmpty()) {
                    break;
                }
                ingest.forgetPruned(plan.source(), plan.planId(), deleted);
                pruned += deleted.size();
                metrics.entityStatesPruned(deleted.size());
                if (deleted.size() < BATCH) {
                    break;
                }
            }
        }
        long rows = db.read("entity_state.count", EntityStateStore::countAll);
        metrics.entityStateRows(rows);
        return new Outcome(pruned, rows);
    }
}
