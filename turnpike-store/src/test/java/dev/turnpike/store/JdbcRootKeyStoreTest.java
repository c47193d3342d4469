package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.macaroon.RootKey;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcRootKeyStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void savedKeyIsFoundAgainAfterTheDatabaseIsReopened() throws Exception {
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {1, 2, 3});
        RootKey key = RootKey.generate(random);
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"))) {
            new JdbcRootKeyStore(db, CLOCK).save(id, key);
        }
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"))) {
            assertThat(new JdbcRootKeyStore(db, CLOCK).find(id))
                    .hasValueSatisfying(k -> assertThat(k.toByteArray()).isEqualTo(key.toByteArray()));
        }
    }

    @Test
    void unknownIdIsEmpty() throws Exception {
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"))) {
            assertThat(new JdbcRootKeyStore(db, CLOCK).find(RootKeyId.ofIdentifierBytes(new byte[] {9})))
                    .isEmpty();
        }
    }

    @Test
    void aSecondKeyUnderTheSameIdIsRefused() throws Exception {
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {4});
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"))) {
            JdbcRootKeyStore store = new JdbcRootKeyStore(db, CLOCK);
            RootKey first = RootKey.generate(random);
            store.save(id, first);
            assertThatThrownBy(() -> store.save(id, RootKey.generate(random))).isInstanceOf(StoreException.class);
            assertThat(store.find(id)).hasValueSatisfying(k -> assertThat(k.toByteArray())
                    .isEqualTo(first.toByteArray()));
        }
    }

    @Test
    void aClosedDatabaseIsABackendFailureNotAMissingKey() {
        Database db = Database.sqlite(dir.resolve("turnpike.db"));
        JdbcRootKeyStore store = new JdbcRootKeyStore(db, CLOCK);
        db.close();
        assertThatThrownBy(() -> store.find(RootKeyId.ofIdentifierBytes(new byte[] {5})))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void fileIsInWalMode() throws Exception {
        try (Database db = Database.sqlite(dir.resolve("turnpike.db"));
                var c = db.dataSource().getConnection();
                var s = c.createStatement();
                var r = s.executeQuery("PRAGMA journal_mode")) {
            r.next();
            assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
        }
    }
}
