package dev.turnpike.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token cache on its own: what it remembers, for which request context, and what makes it forget. */
class VerifiedTokensTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant EXPIRY = NOW.plusSeconds(3600);

    final MutableClock clock = new MutableClock(NOW);
    final RevocationSet revocations = new RevocationSet();
    final VerifiedTokens cache = new VerifiedTokens(revocations, clock);

    /** A verdict on token {@code n} expiring at {@code expiresAt}, with these caveats after its services one. */
    static VerificationResult.Valid valid(int n, Optional<Instant> expiresAt, L402Caveat... more) {
        List<L402Caveat> caveats = new ArrayList<>(List.of(new L402Caveat(L402Caveat.SERVICES, "quotes:0")));
        expiresAt.ifPresent(t -> caveats.add(L402Caveat.validUntil("quotes", t)));
        caveats.addAll(List.of(more));
        TokenId id = TokenId.fromHex("%064x".formatted(n));
        L402Identifier identifier = L402Identifier.of(Preimage.fromHex("42".repeat(32)).paymentHash(), id);
        return new VerificationResult.Valid(identifier, 0, caveats, expiresAt);
    }

    static VerificationResult.Valid valid(int n) {
        return valid(n, Optional.of(EXPIRY));
    }

    @Test
    void aRememberedValueHitsWithWhatWasFound_anyOtherValueMisses() {
        assertThat(cache.get("L402 a", 0)).isNull();
        cache.put("L402 a", 0, 1, valid(1), "L402 normalised");
        VerifiedTokens.Entry hit = cache.get("L402 a", 0);
        assertThat(hit).isNotNull();
        assertThat(hit.tokenId).isEqualTo(valid(1).tokenId());
        assertThat(hit.tokenIdHex).isEqualTo(valid(1).tokenId().toHex());
        assertThat(hit.rewrite).isEqualTo("L402 normalised");
        assertThat(cache.get("L402 a ", 0)).isNull();
        assertThat(cache.get("L402 b", 0)).isNull();
    }

    @Test
    void aValueIsRememberedOnlyForTheRequestContextsItWasVerifiedFor() {
        cache.put("L402 a", 1, 3, valid(1), null);
        assertThat(cache.get("L402 a", 0)).isNull();
        assertThat(cache.get("L402 a", 2)).isNull();
        assertThat(cache.get("L402 a", 1)).isNotNull();
        cache.put("L402 a", 2, 3, valid(1), null);
        assertThat(cache.get("L402 a", 2)).isNotNull();
        assertThat(cache.get("L402 a", 1)).isNotNull();
    }

    @Test
    void anEntryStandsUntilTheTokenExpires_thenItIsDropped() {
        cache.put("L402 a", 0, 1, valid(1), null);
        clock.advance(Duration.ofSeconds(3599));
        assertThat(cache.get("L402 a", 0)).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("L402 a", 0)).isNull();
        clock.advance(Duration.ofSeconds(-10)); // dropped, not merely hidden: an earlier time does not bring it back
        assertThat(cache.get("L402 a", 0)).isNull();
    }

    @Test
    void aTokenWithoutExpiryStaysRemembered() {
        cache.put("L402 a", 0, 1, valid(1, Optional.empty()), null);
        clock.advance(Duration.ofDays(365 * 100));
        assertThat(cache.get("L402 a", 0)).isNotNull();
    }

    @Test
    void aRevokedTokenMissesAtOnce_othersStay() {
        cache.put("L402 a", 0, 1, valid(1), null);
        cache.put("L402 b", 0, 1, valid(2), null);
        revocations.revoke(valid(1).tokenId());
        assertThat(cache.get("L402 a", 0)).isNull();
        assertThat(cache.get("L402 b", 0)).isNotNull();
    }

    @Test
    void aVerdictThatMayNotBeCachedIsNotRemembered() {
        cache.put("L402 c", 0, 1, valid(1, Optional.of(EXPIRY), L402Caveat.constraint("quotes_region", "eu")), null);
        assertThat(cache.get("L402 c", 0)).isNull();
        cache.put("L402 u", 0, 1, valid(2, Optional.of(EXPIRY), new L402Caveat("foo", "bar")), null);
        assertThat(cache.get("L402 u", 0)).isNull();
        cache.put("L402 p", 0, 1, valid(3, Optional.of(EXPIRY), new L402Caveat(L402Caveat.PREIMAGE, "00")), null);
        assertThat(cache.get("L402 p", 0)).isNotNull();
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedGoesFirst() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES; i++) {
            cache.put("L402 " + i, 0, 1, valid(i), null);
        }
        assertThat(cache.get("L402 0", 0)).isNotNull(); // used: now the most recent
        cache.put("L402 new", 0, 1, valid(VerifiedTokens.MAX_ENTRIES), null);
        assertThat(cache.get("L402 1", 0)).isNull();
        assertThat(cache.get("L402 0", 0)).isNotNull();
        assertThat(cache.get("L402 2", 0)).isNotNull();
        assertThat(cache.get("L402 new", 0)).isNotNull();
    }

    @Test
    void theSameValueForAnotherTokenStartsAfresh() {
        cache.put("L402 a", 1, 2, valid(1), "L402 one");
        cache.put("L402 a", 0, 2, valid(2), "L402 two");
        VerifiedTokens.Entry hit = cache.get("L402 a", 0);
        assertThat(hit.tokenId).isEqualTo(valid(2).tokenId());
        assertThat(hit.rewrite).isEqualTo("L402 two");
        assertThat(cache.get("L402 a", 1)).isNull();
    }
}
