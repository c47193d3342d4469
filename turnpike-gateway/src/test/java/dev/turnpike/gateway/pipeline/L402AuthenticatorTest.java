package dev.turnpike.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.ledger.RevocationSet;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.metrics.ServiceMetrics;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.CapabilityRule;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.IdentifierFormatException;
import dev.turnpike.l402.Invoice;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.MintException;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.Reason;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.testing.MutableClock;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A paid service's authentication on its own, without a server: what passes, what is refused and why, and
 * when a token is remembered instead of verified again (counted by the verifier's root key lookups).
 */
class L402AuthenticatorTest {

    static final AuthPolicy.L402 PAID = new AuthPolicy.L402(Price.sats(10), Duration.ofHours(1), 0,
            List.of("read", "write"), List.of());
    static final ServiceRoute ROUTE = new ServiceRoute("quotes", null, Pattern.compile("/quotes(/.*)?"),
            Upstream.parse("http://127.0.0.1:1"), PAID,
            List.of(new CapabilityRule(Set.of("GET"), Pattern.compile("/quotes/.*"), "read"),
                    new CapabilityRule(Set.of("POST"), Pattern.compile("/quotes/.*"), "write")),
            List.of(Pattern.compile("/quotes/free/.*")));

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SecureRandom random = new SecureRandom();
    final Map<RootKeyId, RootKey> rootKeys = new HashMap<>();
    final Map<String, Preimage> preimages = new HashMap<>();
    final AtomicInteger lookups = new AtomicInteger();
    final RevocationSet revocations = new RevocationSet();
    final Minter minter = Minter.builder().challenger((price, memo) -> {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Preimage preimage = Preimage.of(bytes);
        String bolt11 = "lnfake" + preimages.size();
        preimages.put(bolt11, preimage);
        return new Invoice(bolt11, preimage.paymentHash());
    }).rootKeyWriter(rootKeys::put).random(random).clock(clock).build();
    final L402Verifier verifier = L402Verifier.builder()
            .rootKeyStore(id -> {
                lookups.incrementAndGet();
                return Optional.ofNullable(rootKeys.get(id));
            })
            .revocationCheck(revocations)
            .clock(clock)
            .build();
    final GatewayMetrics gatewayMetrics = GatewayMetrics.create();
    final ServiceMetrics metrics = gatewayMetrics.service("quotes");
    final List<Refusal> refusals = new ArrayList<>();
    final List<Exchange> passed = new ArrayList<>();
    PaymentConfirmation confirmation = PaymentConfirmation.TRUSTING;
    L402Authenticator authenticator;

    /** A paid token for the service, as a client sends it, with its id. */
    record Token(String authorization, Credential credential, TokenId id) {
        Token attenuated(String caveat) {
            Credential c = new Credential(credential.macaroon().addFirstPartyCaveat(caveat), credential.preimage());
            return new Token(L402Headers.authorizationValue(c), c, id);
        }
    }

    Token buy() throws MintException, IdentifierFormatException {
        Challenge challenge = minter.mint(ServiceSpec.builder("quotes").price(Price.sats(10))
                .capabilities("read", "write").lifetime(Duration.ofHours(1)).build());
        Credential credential = new Credential(challenge.macaroon(), preimages.get(challenge.invoice()));
        TokenId id = L402Identifier.decode(challenge.macaroon().identifier()).tokenId();
        return new Token(L402Headers.authorizationValue(credential), credential, id);
    }

    /** {@code revocations}: the verifier's revocation set, or null (then nothing is remembered). */
    L402Authenticator newAuthenticator(RevocationSet revocations) {
        return new L402Authenticator(ROUTE, verifier, (exchange, next, refusal) -> refusals.add(refusal), metrics,
                (exchange, identifier, confirmed, unsettled) -> confirmation.confirm(exchange, identifier, confirmed,
                        unsettled), revocations, clock);
    }

    L402Authenticator authenticator() {
        if (authenticator == null) {
            authenticator = newAuthenticator(revocations);
        }
        return authenticator;
    }

    /** Sends a request through the authenticator; returns its exchange (passed on, or refused). */
    Exchange send(HttpMethod method, String path, String... authorizations) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, path);
        for (String a : authorizations) {
            request.headers().add(HttpHeaderNames.AUTHORIZATION, a);
        }
        Exchange exchange = new Exchange(null, request, path, null, InetAddress.getLoopbackAddress(), metrics);
        authenticator().authenticate(exchange, passed::add);
        return exchange;
    }

    Exchange get(Token token) {
        return send(HttpMethod.GET, "/quotes/a", token.authorization());
    }

    double verified(String reason) {
        return gatewayMetrics.registry().get("turnpike.tokens.verified").tag("service", "quotes")
                .tag("reason", reason).counter().count();
    }

    void assertPassed(Exchange exchange, Token token) {
        assertThat(passed).last().isSameAs(exchange);
        assertThat(exchange.tokenId).isEqualTo(token.id());
        assertThat(exchange.request.headers().get(Credentials.TOKEN_ID)).isEqualTo(token.id().toHex());
        assertThat(exchange.request.headers().getAll(HttpHeaderNames.AUTHORIZATION))
                .containsExactly(token.authorization());
    }

    @Test
    void noTokenOrAMalformedOneIsDenied() {
        send(HttpMethod.GET, "/quotes/a");
        send(HttpMethod.GET, "/quotes/a", "L402 !!!:00");
        assertThat(refusals).containsExactly(Refusal.NO_TOKEN, Refusal.MALFORMED_CREDENTIAL);
        assertThat(passed).isEmpty();
    }

    @Test
    void aWhitelistedPathPassesWithoutAToken() {
        Exchange e = send(HttpMethod.GET, "/quotes/free/x");
        assertThat(passed).containsExactly(e);
        assertThat(e.tokenId).isNull();
    }

    @Test
    void aValidTokenPassesAndIsThenRememberedWithoutVerifyingAgain() throws Exception {
        Token token = buy();
        assertPassed(get(token), token);
        assertThat(lookups).hasValue(1);
        assertPassed(get(token), token);
        assertPassed(get(token), token);
        assertThat(lookups).hasValue(1);
        assertThat(verified("valid")).isEqualTo(3.0);
        assertThat(refusals).isEmpty();
    }

    @Test
    void theLsatSchemeReachesTheUpstreamAsL402_verifiedAndRemembered() throws Exception {
        Token token = buy();
        String lsat = "LSAT " + token.authorization().substring("L402 ".length());
        assertPassed(send(HttpMethod.GET, "/quotes/a", lsat), token);
        assertPassed(send(HttpMethod.GET, "/quotes/a", lsat), token);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aRememberedTokenThatExpiresIsRefusedAsExpired() throws Exception {
        Token token = buy();
        get(token);
        clock.advance(Duration.ofMinutes(59));
        assertPassed(get(token), token);
        assertThat(lookups).hasValue(1);
        clock.advance(Duration.ofMinutes(1));
        get(token);
        assertThat(refusals).containsExactly(Refusal.of(Reason.EXPIRED));
        assertThat(passed).hasSize(2);
    }

    @Test
    void aRememberedTokenThatIsRevokedIsRefusedOnTheNextRequest() throws Exception {
        Token token = buy();
        Token other = buy();
        get(token);
        get(other);
        revocations.revoke(token.id());
        get(token);
        assertThat(refusals).containsExactly(Refusal.of(Reason.REVOKED));
        assertPassed(get(other), other);
        assertThat(lookups).hasValue(3);
    }

    @Test
    void eachRequiredCapabilityIsDecidedOnItsOwn_refusalsAreNotRemembered() throws Exception {
        Token readOnly = buy().attenuated("quotes_capabilities=read");
        assertPassed(get(readOnly), readOnly);
        send(HttpMethod.POST, "/quotes/a", readOnly.authorization());
        send(HttpMethod.POST, "/quotes/a", readOnly.authorization());
        assertThat(refusals).containsExactly(Refusal.of(Reason.CAPABILITY_NOT_ALLOWED),
                Refusal.of(Reason.CAPABILITY_NOT_ALLOWED));
        assertThat(lookups).hasValue(3);
        assertPassed(get(readOnly), readOnly);
        assertThat(lookups).hasValue(3);
        assertThat(verified("capability_not_allowed")).isEqualTo(2.0);
    }

    /** Two requests with {@code token} pass, each verified in full. */
    void assertVerifiedEachTime(Token token) {
        assertPassed(get(token), token);
        assertPassed(get(token), token);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aTokenWithACaveatBeyondTheBuiltInOnesIsVerifiedEachTime() throws Exception {
        assertVerifiedEachTime(buy().attenuated("quotes_region=eu"));
    }

    @Test
    void severalAuthorizationValuesAreVerifiedEveryTimeAndNotRemembered() throws Exception {
        Token token = buy();
        for (int i = 1; i <= 2; i++) {
            Exchange e = send(HttpMethod.GET, "/quotes/a", "Basic eDp5", token.authorization());
            assertThat(passed).last().isSameAs(e);
            assertThat(e.request.headers().getAll(HttpHeaderNames.AUTHORIZATION))
                    .containsExactly(token.authorization());
            assertThat(lookups).hasValue(i);
        }
        get(token);
        assertThat(lookups).hasValue(3);
    }

    @Test
    void withoutARevocationSetNothingIsRemembered() throws Exception {
        authenticator = newAuthenticator(null);
        assertVerifiedEachTime(buy());
    }

    @Test
    void aRefusedTokenIsCountedByItsReason() throws Exception {
        Token token = buy();
        Credential wrong = new Credential(token.credential().macaroon(), Preimage.of(new byte[32]));
        send(HttpMethod.GET, "/quotes/a", L402Headers.authorizationValue(wrong));
        assertThat(refusals).containsExactly(Refusal.of(Reason.WRONG_PREIMAGE));
        assertThat(verified("wrong_preimage")).isEqualTo(1.0);
        assertThat(verified("valid")).isZero();
    }

    @Test
    void underStrictSettlementOnlyAConfirmedTokenIsRemembered() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        boolean[] settled = {false};
        confirmation = (exchange, identifier, confirmed, unsettled) -> {
            asked.incrementAndGet();
            (settled[0] ? confirmed : unsettled).run();
        };
        Token token = buy();
        get(token);
        get(token);
        assertThat(refusals).containsExactly(Refusal.NOT_SETTLED, Refusal.NOT_SETTLED);
        assertThat(verified("not_settled")).isEqualTo(2.0);
        assertThat(asked).hasValue(2);
        settled[0] = true;
        assertPassed(get(token), token);
        assertPassed(get(token), token);
        assertThat(asked).hasValue(3);
        assertThat(lookups).hasValue(3);
    }
}
