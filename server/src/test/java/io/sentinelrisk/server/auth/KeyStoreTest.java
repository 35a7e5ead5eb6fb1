package io.sentinelrisk.server.auth;

import io.sentinelrisk.server.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verified keys are cached, and revocation is still honoured: at once when revoked through the
 * same store, and after the re-check interval when revoked by another process on the same
 * database (here a second KeyStore on it).
 */
class KeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void aRevokedKeyStopsWorkingAtOnceHereAndAfterTheRecheckElsewhere() throws Exception {
        try (Database db = Database.open(null, dir, null, Database.StoreTimer.NONE)) {
            // re-checks after 3 s of a clock the test moves: a slow machine cannot expire the cache early
            AtomicLong clock = new AtomicLong();
            KeyStore server = new KeyStore(db, 3_000_000_000L, clock::get);
            KeyStore other = new KeyStore(db);
            String a = other.create("a", Role.INGEST).token();
            String b = other.create("b", Role.ANALYST).token();

            assertThat(server.authenticate(a)).map(ApiKey::name).contains("a");
            assertThat(server.authenticate(a.substring(0, a.length() - 1) + (a.endsWith("0") ? "1" : "0"))).isEmpty();
            assertThat(server.authenticate(b)).map(ApiKey::role).contains(Role.ANALYST);

            assertThat(other.revoke(b)).isTrue();
            assertThat(server.authenticate(b)).as("cached, within the re-check interval").isPresent();
            clock.addAndGet(2_900_000_000L);
            assertThat(server.authenticate(b)).as("cached, just within the re-check interval").isPresent();
            clock.addAndGet(200_000_000L);
            assertThat(server.authenticate(b)).as("re-checked").isEmpty();

            assertThat(server.authenticate(a)).isPresent();
            assertThat(server.revoke(a)).isTrue();
            assertThat(server.authenticate(a)).as("revoked here: at once").isEmpty();
        }
    }
}
