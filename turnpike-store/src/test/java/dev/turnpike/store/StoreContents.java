package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.store.api.DelegationRevocation;
import dev.turnpike.store.api.IssuedToken;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a deployment keeps, written through the real stores: a minted token and a paid one with their root keys,
 * a revoked token, freebies used, a Bifrost session, a revoked delegation. {@link #assertServedBy} reads it all
 * back through the same stores, as a gateway on another database would.
 */
final class StoreContents {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final SecureRandom random = new SecureRandom();
    final RootKeyId paidKeyId = RootKeyId.ofIdentifierBytes(bytes(40));
    final RootKey paidKey = RootKey.generate(random);
    final IssuedToken minted = token(T0.plusSeconds(3600));
    final IssuedToken paid = token(null);
    final IssuedToken revoked = token(T0.plusSeconds(3600));
    final Session.Stored session;
    final DelegationRevocation delegation = new DelegationRevocation(TokenHash.of("a.b.c"),
            Optional.of(Ed25519KeyPair.generate(random).publicKey()), T0, Optional.of(T0.plusSeconds(86_400)));

    StoreContents() throws Exception {
        Attributes asked = Attributes.parse("{\"name\":\"Meter App\",\"permissions\":{\"scopes\":[\"read:meter\"]}}");
        session = Session.open(Ed25519KeyPair.generate(random).publicKey(), asked, T0, Duration.ofMinutes(5), random)
                .session().toStored();
    }

    void fill(Database db) throws Exception {
        JdbcTokenLedger ledger = new JdbcTokenLedger(db);
        ledger.issued(minted, RootKeyId.ofIdentifierBytes(bytes(40)), RootKey.generate(random));
        ledger.issued(paid, paidKeyId, paidKey);
        ledger.issued(revoked, RootKeyId.ofIdentifierBytes(bytes(40)), RootKey.generate(random));
        ledger.settled(paid.paymentHash(), T0.plusSeconds(2));
        ledger.revoke(revoked.tokenId(), T0.plusSeconds(3));
        new JdbcFreebieLedger(db).use("quotes", "ipv4:c0000200", 3);
        new JdbcSessionStore(db).create(session, "192.0.2.7");
        new JdbcDelegationRevocationStore(db).revoke(delegation);
    }

    void assertServedBy(Database db) throws Exception {
        assertThat(new JdbcRootKeyStore(db).find(paidKeyId))
                .hasValueSatisfying(k -> assertThat(k.toByteArray()).isEqualTo(paidKey.toByteArray()));
        JdbcTokenLedger ledger = new JdbcTokenLedger(db);
        assertThat(ledger.find(paid.tokenId()).orElseThrow().settledAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(ledger.find(minted.tokenId()).orElseThrow().token()).isEqualTo(minted);
        assertThat(ledger.revoked()).containsExactly(revoked.tokenId());
        assertThat(new JdbcFreebieLedger(db).used("quotes")).isEqualTo(Map.of("ipv4:c0000200", 3));
        assertThat(new JdbcSessionStore(db).find(session.id())).contains(session);
        assertThat(new JdbcDelegationRevocationStore(db).revoked(T0)).containsExactly(delegation);
    }

    private IssuedToken token(Instant expiresAt) {
        return new IssuedToken(TokenId.of(bytes(32)), PaymentHash.of(bytes(32)), "quotes", 10_000, "lnbcrt100n1…",
                T0, expiresAt);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
