package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import org.junit.jupiter.api.Test;

class ValidatedKeysTest {
    private final Ed25519PublicKey a = TestData.keyPair(1).publicKey();
    private final Ed25519PublicKey b = TestData.keyPair(2).publicKey();
    private final Ed25519PublicKey c = TestData.keyPair(3).publicKey();

    @Test
    void remembersKeysByTheirBase58Text() {
        ValidatedKeys keys = new ValidatedKeys(2);
        assertThat(keys.get(a.toBase58())).isNull();
        keys.remember(a);
        assertThat(keys.get(a.toBase58())).isEqualTo(a);
    }

    @Test
    void aReturningKeyDoesNotEmptyAFullSet() {
        ValidatedKeys keys = new ValidatedKeys(2);
        keys.remember(a);
        keys.remember(b);
        keys.remember(a);
        assertThat(keys.get(b.toBase58())).isEqualTo(b);
        assertThat(keys.get(a.toBase58())).isEqualTo(a);
    }

    @Test
    void aNewKeyBeyondTheCapacityStartsAfresh() {
        ValidatedKeys keys = new ValidatedKeys(2);
        keys.remember(a);
        keys.remember(b);
        keys.remember(c);
        assertThat(keys.get(c.toBase58())).isEqualTo(c);
        assertThat(keys.get(a.toBase58())).isNull();
        assertThat(keys.get(b.toBase58())).isNull();
    }
}
