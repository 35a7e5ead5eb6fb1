package io.sentinelrisk.server.store;

import io.sentinelrisk.server.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entity_state table on both stores: states are kept per source and plan, replaced by a
 * later save, deleted by a null, read back byte for byte, and pruned in bounded batches once
 * expired.
 */
class EntityStateStoreTest {
    @Test
    void embedded(@TempDir Path dir) throws Exception {
        try (Database db = Database.open(null, dir.resolve("data"), null, Database.StoreTimer.NONE)) {
            check(db);
        }
    }

    @Test
    @Tag("integration")
    void postgres(@TempDir Path dir) throws Exception {
        String schema = TestStores.uniqueSchema();
        try (Database db = Database.open(TestStores.postgresUrl(), dir, schema, Database.StoreTimer.NONE)) {
            check(db);
        } finally {
            TestStores.drop(schema);
        }
    }

    /** A state's bytes as the codec writes them: the latest event time first, then anything. */
    static byte[] state(long lastEvent, int... tail) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + tail.length + 4).putLong(lastEvent);
        for (int t : tail) {
            b.put((byte) t);
        }
        return b.array();
    }

    private static void check(Database db) {
        Map<String, byte[]> first = new LinkedHashMap<>();
        first.put("alice", state(100, 1, 2, 3));
        first.put("bob\u001fcomposite", state(100, 0xFF, 0, 7));
        db.inTransaction("t", c -> {
            EntityStateStore.save(c, "soc", "plan-a", 50, first, 1L);
            EntityStateStore.save(c, "web", "plan-a", 50, Map.of("alice", state(100, 9)), 1L);
            return null;
        });
        Map<String, byte[]> read = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-a", List.of("alice", "bob\u001fcomposite", "carol")));
        assertThat(read).containsOnlyKeys("alice", "bob\u001fcomposite");
        assertThat(read.get("alice")).containsExactly(state(100, 1, 2, 3));
        assertThat(read.get("bob\u001fcomposite")).containsExactly(state(100, 0xFF, 0, 7));
        // other sources and plans are other entities
        assertThat(db.read("t", c -> EntityStateStore.load(c, "web", "plan-a", List.of("alice"))).get("alice"))
                .containsExactly(state(100, 9));
        Map<String, byte[]> otherPlan = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-b", List.of("alice")));
        assertThat(otherPlan).isEmpty();

        Map<String, byte[]> next = new LinkedHashMap<>();
        next.put("alice", state(120, 4));
        next.put("bob\u001fcomposite", null);   // dropped as idle
        db.inTransaction("t", c -> {
            EntityStateStore.save(c, "soc", "plan-a", 50, next, 2L);
            return null;
        });
        read = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-a", List.of("alice", "bob\u001fcomposite")));
        assertThat(read).containsOnlyKeys("alice");
        assertThat(read.get("alice")).containsExactly(state(120, 4));
        int stored = db.read("t", c -> EntityStateStore.count(c, "soc"));
        assertThat(stored).isEqualTo(1);

        // pruning: each (source, plan) with its newest event time; expired = latest event + ttl before the cutoff
        Map<String, byte[]> more = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            more.put("old-" + i, state(10 + i));      // expire at 60..66
        }
        more.put("edge", state(80));                  // expires at 130: not before the cutoff 130
        more.put("new", state(1000));
        db.inTransaction("t", c -> {
            EntityStateStore.save(c, "soc", "plan-a", 50, more, 3L);
            return null;
        });
        assertThat(db.read("t", EntityStateStore::plans)).containsExactly(
                new EntityStateStore.Plan("soc", "plan-a", 1000), new EntityStateStore.Plan("web", "plan-a", 100));
        // in batches of 3: 3 + 3 + 1 of the seven old ones; alice (expires 170) and edge stay
        List<String> pruned = new java.util.ArrayList<>();
        for (int round = 0; round < 4; round++) {
            pruned.addAll(db.inTransaction("t", c -> EntityStateStore.pruneExpired(c, "soc", "plan-a", 130, 3)));
        }
        assertThat(pruned).containsExactlyInAnyOrder("old-0", "old-1", "old-2", "old-3", "old-4", "old-5", "old-6");
        Map<String, byte[]> left = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-a", List.of("alice", "edge", "new", "old-0")));
        assertThat(left).containsOnlyKeys("alice", "edge", "new");
        // another source's state of the same entity name is not touched
        Map<String, byte[]> web = db.read("t", c -> EntityStateStore.load(c, "web", "plan-a", List.of("alice")));
        assertThat(web).containsOnlyKeys("alice");
        assertThat(db.read("t", EntityStateStore::countAll)).isEqualTo(4L);
    }
}
