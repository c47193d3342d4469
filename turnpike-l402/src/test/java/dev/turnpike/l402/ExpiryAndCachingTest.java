package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.l402.Fixtures.World;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a valid result says about the token's expiry and cacheability, and the one expiry rule behind it. */
class ExpiryAndCachingTest {
    static final RequestContext API = RequestContext.forService("api");
    static final Instant EXPIRY = Fixtures.NOW.plusSeconds(3600);
    static final Preimage PREIMAGE = Preimage.fromHex("42".repeat(32));
    static final byte[] IDENTIFIER = L402Identifier.of(PREIMAGE.paymentHash(), TokenId.fromHex("07".repeat(32)))
            .encode();

    final World w = new World();

    VerificationResult.Valid valid(Credential c, L402Verifier verifier) {
        VerificationResult r = verifier.verify(c, API);
        assertThat(r).isInstanceOf(VerificationResult.Valid.class);
        return (VerificationResult.Valid) r;
    }

    VerificationResult.Valid valid(String... caveats) {
        return valid(w.token(IDENTIFIER, PREIMAGE, caveats), w.verifier());
    }

    @Test
    void aMintedTokenExpiresWhenItsValidUntilSaysAndMayBeCachedUntilThen() {
        VerificationResult.Valid v = valid(w.paidCredential(), w.verifier());
        assertThat(v.expiresAt()).hasValue(EXPIRY);
        assertThat(v.cacheableUntil()).hasValue(EXPIRY);
    }

    @Test
    void theTightestValidUntilOfTheRequestsServiceCounts() {
        Credential narrowed = w.attenuate(w.paidCredential(), "api_valid_until=" + (EXPIRY.getEpochSecond() - 60),
                "other_valid_until=" + (EXPIRY.getEpochSecond() - 120));
        VerificationResult.Valid v = valid(narrowed, w.verifier());
        assertThat(v.expiresAt()).hasValue(EXPIRY.minusSeconds(60));
        assertThat(v.cacheableUntil()).hasValue(EXPIRY.minusSeconds(60));
    }

    @Test
    void aTokenWithoutExpiryNeverExpiresAndIsCacheableForGood() {
        VerificationResult.Valid v = valid("services=api:0", "api_capabilities=read", "other_valid_until=1");
        assertThat(v.expiresAt()).isEmpty();
        assertThat(v.cacheableUntil()).hasValue(Instant.MAX);
    }

    @Test
    void anExpiryBeyondInstantsRangeIsClamped() {
        VerificationResult.Valid v = valid("services=api:0", "api_valid_until=999999999999999999");
        assertThat(v.expiresAt()).hasValue(Instant.MAX);
    }

    @Test
    void builtInCaveatsAloneAreCacheable_aPreimageCaveatIsOne() {
        assertThat(valid("services=api:0", "preimage=" + PREIMAGE.toHex()).cacheableUntil()).isPresent();
    }

    @Test
    void aConfiguredConstraintMakesTheVerdictUncacheable() {
        Credential c = w.token(IDENTIFIER, PREIMAGE, "services=api:0", "api_region=eu");
        VerificationResult r = w.verifier(ConstraintSatisfier.exactInput("api_region", "region"))
                .verify(c, API.withInput("region", "eu"));
        assertThat(r).isInstanceOfSatisfying(VerificationResult.Valid.class,
                v -> assertThat(v.cacheableUntil()).isEmpty());
    }

    @Test
    void anUnknownConditionAlsoMakesTheVerdictUncacheable() {
        VerificationResult.Valid v = valid("services=api:0", "foo=bar", "api_valid_until=" + EXPIRY.getEpochSecond());
        assertThat(v.expiresAt()).hasValue(EXPIRY);
        assertThat(v.cacheableUntil()).isEmpty();
    }

    @Test
    void theMacaroonRuleIsTheOneTheVerifierEnforces() {
        Credential minted = w.paidCredential();
        assertThat(L402Verifier.expiresAt(minted.macaroon(), "api")).hasValue(EXPIRY);
        assertThat(L402Verifier.expiresAt(minted.macaroon(), "other")).isEmpty();
        Credential twice = w.attenuate(minted, "api_valid_until=" + (EXPIRY.getEpochSecond() - 5));
        assertThat(L402Verifier.expiresAt(twice.macaroon(), "api")).isEqualTo(valid(twice, w.verifier()).expiresAt())
                .hasValue(EXPIRY.minusSeconds(5));
    }

    @Test
    void aMalformedOrWideningExpiryIsExpiredFromTheStart() {
        for (String bad : List.of("api_valid_until=soon", "api_valid_until=" + (EXPIRY.getEpochSecond() + 1))) {
            Macaroon m = w.attenuate(w.paidCredential(), bad).macaroon();
            assertThat(L402Verifier.expiresAt(m, "api")).as(bad).hasValue(Instant.MIN);
        }
    }

    @Test
    void thirdPartyCaveatsAreNotReadForTheExpiry() {
        Macaroon m = w.paidCredential().macaroon();
        List<Caveat> caveats = new ArrayList<>(m.caveats());
        caveats.add(Caveat.thirdParty("api_valid_until=1".getBytes(), "vid".getBytes(), "loc".getBytes()));
        Macaroon withThirdParty = Macaroon.of(m.location(), m.identifier(), caveats, m.signature());
        assertThat(L402Verifier.expiresAt(withThirdParty, "api")).isEqualTo(Optional.of(EXPIRY));
    }
}
