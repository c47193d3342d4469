package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.store.api.IssuedToken;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcRootKeyStore} finds, whatever its database: the keys booked with their tokens
 * ({@link JdbcTokenLedger#issued}). Each database's test opens a database of its own for the test.
 */
abstract class RootKeyStoreContract extends PortContract<Database> {

    private final SecureRandom random = new SecureRandom();

    /** Books a token with {@code key} under {@code id} on {@code db}, as minting does. */
    private void book(Database db, RootKeyId id, RootKey key) throws StoreException {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        new JdbcTokenLedger(db).issued(new IssuedToken(TokenId.random(random), PaymentHash.of(hash), "quotes", 1_000,
                "lnbcrt10n1…", Instant.parse("2026-11-22T00:00:00Z"), null), id, key);
    }

    @Test
    void aBookedKeyIsFoundAgainAfterTheDatabaseIsReopened() throws Exception {
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {1, 2, 3});
        RootKey key = RootKey.generate(random);
        book(open(), id, key);
        closeAll();
        assertThat(new JdbcRootKeyStore(open()).find(id))
                .hasValueSatisfying(k -> assertThat(k.toByteArray()).isEqualTo(key.toByteArray()));
    }

    @Test
    void aKeyMintedByOneGatewayIsFoundByAnotherAtOnce() throws Exception {
        Database minting = open();
        CachedRootKeyStore verifying = new CachedRootKeyStore(new JdbcRootKeyStore(open()), 10);
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {6});
        assertThat(verifying.find(id)).isEmpty();
        RootKey key = RootKey.generate(random);
        book(minting, id, key);
        assertThat(verifying.find(id)).hasValueSatisfying(k -> assertThat(k.toByteArray())
                .isEqualTo(key.toByteArray()));
    }

    @Test
    void unknownIdIsEmpty() throws Exception {
        assertThat(new JdbcRootKeyStore(open()).find(RootKeyId.ofIdentifierBytes(new byte[] {9}))).isEmpty();
    }

    @Test
    void aSecondKeyUnderTheSameIdIsRefused() throws Exception {
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {4});
        Database db = open();
        RootKey first = RootKey.generate(random);
        book(db, id, first);
        assertThatThrownBy(() -> book(db, id, RootKey.generate(random))).isInstanceOf(StoreException.class);
        assertThat(new JdbcRootKeyStore(db).find(id)).hasValueSatisfying(k -> assertThat(k.toByteArray())
                .isEqualTo(first.toByteArray()));
    }

    @Test
    void aClosedDatabaseIsABackendFailureNotAMissingKey() throws Exception {
        JdbcRootKeyStore store = new JdbcRootKeyStore(open());
        closeAll();
        assertThatThrownBy(() -> store.find(RootKeyId.ofIdentifierBytes(new byte[] {5})))
                .isInstanceOf(StoreException.class);
    }
}
