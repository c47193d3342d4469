package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.store.api.IssuedToken;
import dev.turnpike.store.testing.SqliteLock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file locked by another process (issue 12's fault): opening it fails after a bounded wait with a
 * message naming the file, a write meets the lock as a {@link StoreException} after that wait, and both work once the
 * lock is released, the file intact.
 */
class SqliteLockTest {

    private static final long BOUND_MILLIS = 30_000; // the 5 s wait, on two busy cores

    @TempDir
    Path dir;

    @Test
    void openingAFileAnotherProcessHoldsSaysWhichFileAndWhatToDo() throws Exception {
        Path file = dir.resolve("turnpike.db");
        Database.sqlite(file).close();
        try (SqliteLock lock = SqliteLock.hold(file)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> Database.sqlite(file)).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("SQLite database " + file.toAbsolutePath()
                            + " is locked by another process (waited 5 s; stop the other program using it")
                    .hasMessageContaining("give this gateway a data_dir of its own");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(BOUND_MILLIS);
        }
        Database.sqlite(file).close();
        assertThat(SqliteLock.integrityCheck(file)).isEqualTo("ok");
    }

    @Test
    void aWriteThatMeetsAnotherProcesssLockFailsAfterTheWaitAndSucceedsOnceItIsReleased() throws Exception {
        Path file = dir.resolve("turnpike.db");
        try (Database database = Database.sqlite(file)) {
            JdbcTokenLedger ledger = new JdbcTokenLedger(database);
            IssuedToken during = token();
            try (SqliteLock lock = SqliteLock.hold(file)) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> ledger.issued(during, keyId(), RootKey.generate(new SecureRandom()))).isInstanceOf(StoreException.class);
                assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(BOUND_MILLIS);
            }
            assertThat(ledger.find(during.tokenId())).as("nothing half-written").isEmpty();
            IssuedToken after = token();
            ledger.issued(after, keyId(), RootKey.generate(new SecureRandom()));
            assertThat(ledger.find(after.tokenId())).isPresent();
        }
        assertThat(SqliteLock.integrityCheck(file)).isEqualTo("ok");
    }

    private static RootKeyId keyId() {
        byte[] identifier = new byte[66];
        new SecureRandom().nextBytes(identifier);
        return RootKeyId.ofIdentifierBytes(identifier);
    }

    private static IssuedToken token() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(id);
        random.nextBytes(hash);
        Instant now = Instant.now();
        return new IssuedToken(TokenId.of(id), PaymentHash.of(hash), "quotes", 21_000, "lnbcrt210n1…", now,
                now.plusSeconds(3600));
    }
}
