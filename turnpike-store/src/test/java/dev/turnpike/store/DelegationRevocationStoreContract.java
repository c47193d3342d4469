package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.store.api.DelegationRevocationStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link DelegationRevocationStore} does, whatever its database: each store's test extends this. */
abstract class DelegationRevocationStoreContract extends PortContract<DelegationRevocationStore> {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final Ed25519PublicKey WALLET = Ed25519KeyPair.generate(new SecureRandom()).publicKey();

    static DelegationRevocation revocation(String token, Optional<Ed25519PublicKey> issuer, Instant at,
            Instant expiration) {
        return new DelegationRevocation(TokenHash.of(token), issuer, at, Optional.ofNullable(expiration));
    }

    @Test
    void revocationsSurviveReopeningWithTheirRevokerAndExpiration() throws Exception {
        DelegationRevocationStore store = open();
        DelegationRevocation byWallet = revocation("a.b.c", Optional.of(WALLET), T0, T0.plusSeconds(3600));
        DelegationRevocation byOperator = revocation("a.b.c", Optional.empty(), T0.plusSeconds(1), null);
        store.revoke(byWallet);
        store.revoke(byOperator);
        closeAll();
        assertThat(open().revoked(T0)).containsExactly(byWallet, byOperator);
    }

    @Test
    void revokingAgainKeepsTheFirstTime() throws Exception {
        DelegationRevocationStore store = open();
        DelegationRevocation first = revocation("x.y.z", Optional.of(WALLET), T0, null);
        store.revoke(first);
        store.revoke(revocation("x.y.z", Optional.of(WALLET), T0.plusSeconds(60), T0.plusSeconds(600)));
        assertThat(store.revoked(T0)).containsExactly(first);
    }

    @Test
    void revocationsOfExpiredTokensAreLeftOutAndPurged() throws Exception {
        DelegationRevocationStore store = open();
        DelegationRevocation expiring = revocation("old", Optional.empty(), T0, T0.plusSeconds(10));
        DelegationRevocation forGood = revocation("new", Optional.empty(), T0, null);
        store.revoke(expiring);
        store.revoke(forGood);
        assertThat(store.revoked(T0.plusSeconds(10))).containsExactlyInAnyOrder(expiring, forGood);
        assertThat(store.revoked(T0.plusSeconds(11))).containsExactly(forGood);
        assertThat(store.purge(T0.plusSeconds(11))).isEqualTo(1);
        assertThat(store.revoked(T0)).containsExactly(forGood);
    }

    @Test
    void aRevocationThroughOneGatewayIsReadByAnother() throws Exception {
        DelegationRevocationStore a = open();
        DelegationRevocationStore b = open();
        DelegationRevocation r = revocation("shared", Optional.of(WALLET), T0, null);
        a.revoke(r);
        assertThat(b.revoked(T0)).containsExactly(r);
    }
}
