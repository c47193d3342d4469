package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.macaroon.RootKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What {@link JdbcRootKeyStore} does, whatever its database: each database's test extends this. */
abstract class RootKeyStoreContract extends PortContract<JdbcRootKeyStore> {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private final SecureRandom random = new SecureRandom();

    @Test
    void savedKeyIsFoundAgainAfterTheDatabaseIsReopened() throws Exception {
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {1, 2, 3});
        RootKey key = RootKey.generate(random);
        open().save(id, key);
        closeAll();
        assertThat(open().find(id)).hasValueSatisfying(k -> assertThat(k.toByteArray()).isEqualTo(key.toByteArray()));
    }

    @Test
    void aKeyMintedByOneGatewayIsFoundByAnotherAtOnce() throws Exception {
        JdbcRootKeyStore minting = open();
        CachedRootKeyStore verifying = new CachedRootKeyStore(open(), 10);
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {6});
        assertThat(verifying.find(id)).isEmpty();
        RootKey key = RootKey.generate(random);
        minting.save(id, key);
        assertThat(verifying.find(id)).hasValueSatisfying(k -> assertThat(k.toByteArray())
                .isEqualTo(key.toByteArray()));
    }

    @Test
    void unknownIdIsEmpty() throws Exception {
        assertThat(open().find(RootKeyId.ofIdentifierBytes(new byte[] {9}))).isEmpty();
    }

    @Test
    void aSecondKeyUnderTheSameIdIsRefused() throws Exception {
        RootKeyId id = RootKeyId.ofIdentifierBytes(new byte[] {4});
        JdbcRootKeyStore store = open();
        RootKey first = RootKey.generate(random);
        store.save(id, first);
        assertThatThrownBy(() -> store.save(id, RootKey.generate(random))).isInstanceOf(StoreException.class);
        assertThat(store.find(id)).hasValueSatisfying(k -> assertThat(k.toByteArray())
                .isEqualTo(first.toByteArray()));
    }

    @Test
    void aClosedDatabaseIsABackendFailureNotAMissingKey() throws Exception {
        JdbcRootKeyStore store = open();
        closeAll();
        assertThatThrownBy(() -> store.find(RootKeyId.ofIdentifierBytes(new byte[] {5})))
                .isInstanceOf(StoreException.class);
    }
}
