package dev.turnpike.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.store.api.DelegationRevocationStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DelegationRevocationSetTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final SecureRandom random = new SecureRandom();
    static final Ed25519PublicKey WALLET = Ed25519KeyPair.generate(random).publicKey();
    static final Ed25519PublicKey OTHER = Ed25519KeyPair.generate(random).publicKey();

    /** The rows a store holds, with the store's filter and purge (the contract tests run them on real databases). */
    static final class Rows implements DelegationRevocationStore {
        final List<DelegationRevocation> rows = new ArrayList<>();
        Instant purgedBefore;

        @Override
        public void revoke(DelegationRevocation r) {
            rows.add(r);
        }

        @Override
        public List<DelegationRevocation> revoked(Instant now) {
            return rows.stream().filter(r -> r.expiration().map(e -> !e.isBefore(now)).orElse(true)).toList();
        }

        @Override
        public int purge(Instant now) {
            purgedBefore = now;
            return 0;
        }
    }

    static DelegationRevocation revocation(String token, Optional<Ed25519PublicKey> issuer, Instant expiration) {
        return new DelegationRevocation(TokenHash.of(token), issuer, NOW, Optional.ofNullable(expiration));
    }

    @Test
    void aWalletsRevocationRefusesItsOwnTokenAndTheOperatorsAnyIssuers() {
        DelegationRevocationSet set = new DelegationRevocationSet();
        set.apply(revocation("a", Optional.of(WALLET), null));
        assertThat(set.isRevoked(TokenHash.of("a"), WALLET)).isTrue();
        assertThat(set.isRevoked(TokenHash.of("a"), OTHER)).isFalse();
        set.apply(revocation("a", Optional.empty(), null));
        assertThat(set.isRevoked(TokenHash.of("a"), OTHER)).isTrue();
        assertThat(set.isRevoked(TokenHash.of("b"), WALLET)).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    /**
     * Kept until no route or bridge takes the token in any form: past its expiration by the largest clock skew
     * (a day) plus the longest grant renewal may stretch it to (366 days), since renewal outlives the expiration.
     */
    @Test
    void revocationsAreKeptUntilTheirTokensAreRefusedAnywayEvenRenewedAndWithTheLargestClockSkew() throws Exception {
        Rows store = new Rows();
        store.revoke(revocation("renewable", Optional.empty(), NOW.minus(Duration.ofDays(366))));
        store.revoke(revocation("gone", Optional.empty(), NOW.minus(Duration.ofDays(367)).minusSeconds(1)));
        DelegationRevocationSet set = DelegationRevocationSet.load(store, NOW);
        assertThat(set.isRevoked(TokenHash.of("renewable"), WALLET)).isTrue();
        assertThat(set.isRevoked(TokenHash.of("gone"), WALLET)).isFalse();
        assertThat(store.purgedBefore).isEqualTo(NOW.minus(Duration.ofDays(367)));
        set.revoke(revocation("new", Optional.of(WALLET), null));
        assertThat(store.rows).hasSize(3);
        assertThat(set.isRevoked(TokenHash.of("new"), WALLET)).isTrue();
    }
}
