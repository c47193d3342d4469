package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.RootKeyStore;
import dev.turnpike.l402.StoreException;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.store.api.IssuedToken;
import dev.turnpike.store.api.ServiceTotals;
import dev.turnpike.store.api.TokenLedger;
import dev.turnpike.store.api.TokenRecord;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TokenLedger} does, whatever its database: each store's test extends this. */
abstract class TokenLedgerContract extends PortContract<TokenLedger> {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final SecureRandom random = new SecureRandom();

    private TokenLedger ledger;

    @BeforeEach
    void openLedger() throws Exception {
        ledger = open();
    }

    /** The root keys of the database {@link #open} opened last. */
    protected abstract RootKeyStore rootKeys();

    /** Books {@code t} with a fresh root key; returns the key's id. */
    private RootKeyId issue(TokenLedger on, IssuedToken t) throws StoreException {
        RootKeyId keyId = RootKeyId.ofIdentifierBytes(t.tokenId().toByteArray());
        on.issued(t, keyId, RootKey.generate(random));
        return keyId;
    }

    private IssuedToken token(String service, long priceMsat, Instant issuedAt, Instant expiresAt) {
        byte[] id = new byte[32];
        byte[] hash = new byte[32];
        random.nextBytes(id);
        random.nextBytes(hash);
        return new IssuedToken(TokenId.of(id), PaymentHash.of(hash), service, priceMsat, "lnbcrt100n1…", issuedAt,
                expiresAt);
    }

    @Test
    void anIssuedTokenIsFoundWithAllItsFieldsAfterARestart() throws Exception {
        IssuedToken t = token("quotes", 10_000, T0, T0.plusSeconds(3600));
        issue(ledger, t);
        closeAll();
        Optional<TokenRecord> found = open().find(t.tokenId());
        assertThat(found).hasValueSatisfying(r -> {
            assertThat(r.token()).isEqualTo(t);
            assertThat(r.isSettled()).isFalse();
            assertThat(r.isRevoked()).isFalse();
        });
    }

    @Test
    void whatOneGatewayBooksAnotherSeesAtOnce() throws Exception {
        TokenLedger other = open();
        IssuedToken t = token("quotes", 10_000, T0, null);
        issue(ledger, t);
        other.settled(t.paymentHash(), T0.plusSeconds(5));
        assertThat(other.revoke(t.tokenId(), T0.plusSeconds(9))).isTrue();
        TokenRecord seen = ledger.find(t.tokenId()).orElseThrow();
        assertThat(seen.settledAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(seen.revokedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(ledger.revoked()).containsExactly(t.tokenId());
    }

    @Test
    void aTokenWithoutExpiryKeepsItsNullExpiry() throws Exception {
        IssuedToken t = token("quotes", 10_000, T0, null);
        issue(ledger, t);
        assertThat(ledger.find(t.tokenId()).orElseThrow().token().expiresAt()).isNull();
    }

    @Test
    void settlementIsRecordedOnceTheFirstTimeStays() throws Exception {
        IssuedToken t = token("quotes", 10_000, T0, null);
        issue(ledger, t);
        assertThat(ledger.settled(t.paymentHash(), T0.plusSeconds(5))).hasValue(t);
        assertThat(ledger.settled(t.paymentHash(), T0.plusSeconds(50))).isEmpty();
        assertThat(ledger.settled(token("quotes", 1, T0, null).paymentHash(), T0)).isEmpty();
        assertThat(ledger.find(t.tokenId()).orElseThrow().settledAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void revocationIsListedAndIdempotentAndUnknownTokensAreSaidSo() throws Exception {
        IssuedToken t = token("quotes", 10_000, T0, null);
        issue(ledger, t);
        assertThat(ledger.revoke(t.tokenId(), T0.plusSeconds(7))).isTrue();
        assertThat(ledger.revoke(t.tokenId(), T0.plusSeconds(70))).isTrue();
        assertThat(ledger.find(t.tokenId()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(ledger.revoked()).containsExactly(t.tokenId());
        assertThat(ledger.revoke(token("x", 1, T0, null).tokenId(), T0)).isFalse();
    }

    @Test
    void listsNewestFirstWithinALimitAndByService() throws Exception {
        IssuedToken a = token("quotes", 10_000, T0, null);
        IssuedToken b = token("weather", 20_000, T0.plusSeconds(1), null);
        IssuedToken c = token("quotes", 10_000, T0.plusSeconds(2), null);
        issue(ledger, a);
        issue(ledger, b);
        issue(ledger, c);
        assertThat(ledger.list(Optional.empty(), 2)).extracting(r -> r.token().tokenId())
                .containsExactly(c.tokenId(), b.tokenId());
        assertThat(ledger.list(Optional.of("quotes"), 10)).extracting(r -> r.token().tokenId())
                .containsExactly(c.tokenId(), a.tokenId());
    }

    @Test
    void totalsCountOnlyPaidTokensAsRevenue() throws Exception {
        IssuedToken a = token("quotes", 10_000, T0, null);
        IssuedToken b = token("quotes", 10_000, T0, null);
        IssuedToken c = token("weather", 25_000, T0, null);
        issue(ledger, a);
        issue(ledger, b);
        issue(ledger, c);
        ledger.settled(a.paymentHash(), T0);
        ledger.settled(c.paymentHash(), T0);
        assertThat(ledger.totals()).containsExactly(
                new ServiceTotals("quotes", 2, 1, 10_000),
                new ServiceTotals("weather", 1, 1, 25_000));
    }

    @Test
    void aSecondTokenWithTheSameIdOrPaymentHashIsRefused() throws Exception {
        IssuedToken t = token("quotes", 1, T0, null);
        issue(ledger, t);
        assertThatThrownBy(() -> issue(ledger, t)).isInstanceOf(StoreException.class);
    }

    @Test
    void aTokensRootKeyIsStoredWithItsBookingAndNotWithoutIt() throws Exception {
        IssuedToken t = token("quotes", 1, T0, null);
        RootKey key = RootKey.generate(random);
        RootKeyId keyId = RootKeyId.ofIdentifierBytes(new byte[] {1, 2, 3});
        ledger.issued(t, keyId, key);
        assertThat(rootKeys().find(keyId))
                .hasValueSatisfying(found -> assertThat(found.toByteArray()).isEqualTo(key.toByteArray()));

        RootKeyId refusedKeyId = RootKeyId.ofIdentifierBytes(new byte[] {4, 5, 6});
        assertThatThrownBy(() -> ledger.issued(t, refusedKeyId, RootKey.generate(random)))
                .isInstanceOf(StoreException.class);
        assertThat(rootKeys().find(refusedKeyId)).as("the key of a refused booking is not kept").isEmpty();
    }
}
