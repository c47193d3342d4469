package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.l402.macaroon.RootKey;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedRootKeyStoreTest {

    private final Map<RootKeyId, RootKey> backing = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final RootKeyStore source = id -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(backing.get(id));
    };

    private static RootKeyId id(int n) {
        return RootKeyId.ofIdentifierBytes(new byte[] {(byte) n});
    }

    @Test
    void aFoundKeyIsServedFromMemoryAfterTheFirstLookup() throws Exception {
        backing.put(id(1), RootKey.generate(new SecureRandom()));
        CachedRootKeyStore cached = new CachedRootKeyStore(source, 10);
        assertThat(cached.find(id(1))).isPresent();
        assertThat(cached.find(id(1))).isPresent();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aMissIsNotRemembered() throws Exception {
        CachedRootKeyStore cached = new CachedRootKeyStore(source, 10);
        assertThat(cached.find(id(2))).isEmpty();
        backing.put(id(2), RootKey.generate(new SecureRandom())); // minted meanwhile, e.g. by another gateway
        assertThat(cached.find(id(2))).isPresent();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void staysWithinItsCapacity() throws Exception {
        for (int i = 0; i < 5; i++) {
            backing.put(id(i), RootKey.generate(new SecureRandom()));
        }
        CachedRootKeyStore cached = new CachedRootKeyStore(source, 2);
        for (int i = 0; i < 5; i++) {
            cached.find(id(i));
        }
        lookups.set(0);
        cached.find(id(4)); // the newest entry survived the last reset
        assertThat(lookups).hasValue(0);
        cached.find(id(0)); // an old one was dropped
        assertThat(lookups).hasValue(1);
    }
}
