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
 * later save, deleted by a null, and read back byte for byte.
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

    private static void check(Database db) {
        Map<String, byte[]> first = new LinkedHashMap<>();
        first.put("alice", new byte[]{1, 2, 3});
        first.put("bob\u001fcomposite", new byte[]{(byte) 0xFF, 0, 7});
        db.inTransaction("t", c -> {
            EntityStateStore.save(c, "soc", "plan-a", first, 1L);
            EntityStateStore.save(c, "web", "plan-a", Map.of("alice", new byte[]{9}), 1L);
            return null;
        });
        Map<String, byte[]> read = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-a", List.of("alice", "bob\u001fcomposite", "carol")));
        assertThat(read).containsOnlyKeys("alice", "bob\u001fcomposite");
        assertThat(read.get("alice")).containsExactly(1, 2, 3);
        assertThat(read.get("bob\u001fcomposite")).containsExactly((byte) 0xFF, 0, 7);
        // other sources and plans are other entities
        assertThat(db.read("t", c -> EntityStateStore.load(c, "web", "plan-a", List.of("alice"))).get("alice")).containsExactly(9);
        Map<String, byte[]> otherPlan = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-b", List.of("alice")));
        assertThat(otherPlan).isEmpty();

        Map<String, byte[]> next = new LinkedHashMap<>();
        next.put("alice", new byte[]{4});
        next.put("bob\u001fcomposite", null);   // dropped as idle
        db.inTransaction("t", c -> {
            EntityStateStore.save(c, "soc", "plan-a", next, 2L);
            return null;
        });
        read = db.read("t", c -> EntityStateStore.load(c, "soc", "plan-a", List.of("alice", "bob\u001fcomposite")));
        assertThat(read).containsOnlyKeys("alice");
        assertThat(read.get("alice")).containsExactly(4);
        int stored = db.read("t", c -> EntityStateStore.count(c, "soc"));
        assertThat(stored).isEqualTo(1);
    }
}
