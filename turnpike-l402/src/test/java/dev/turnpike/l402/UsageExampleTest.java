package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.l402.Fixtures.World;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The end-to-end flow of the package documentation: mint, challenge, pay, credential, verify. */
class UsageExampleTest {
    @Test
    void mintChallengePayPresentVerify() throws Exception {
        World w = new World();
        L402Verifier verifier = w.verifier();

        // server: no credential -> 402 with two WWW-Authenticate values
        Challenge challenge = w.minter.mint(ServiceSpec.builder("api").tier(0).price(Price.sats(10))
                .capabilities("read").lifetime(Duration.ofHours(1)).build());
        List<String> wwwAuthenticate = L402Headers.challengeValues(challenge);
        assertThat(wwwAuthenticate.get(0)).startsWith("LSAT macaroon=\"");
        assertThat(wwwAuthenticate.get(1)).startsWith("L402 macaroon=\"");

        // client: parse, pay, build the Authorization value
        ParseResult<Challenge> parsed = L402Headers.parseChallenges(wwwAuthenticate);
        Challenge got = ((ParseResult.Ok<Challenge>) parsed).value();
        Preimage preimage = w.lightning.preimages.get(got.invoice());
        String authorization = L402Headers.authorizationValue(new Credential(got.macaroon(), preimage));

        // server: parse and verify
        ParseResult<Credential> cred = L402Headers.parseCredential(Map.of("Authorization", List.of(authorization)));
        VerificationResult result = switch (cred) {
            case ParseResult.Ok<Credential> ok -> verifier.verify(ok.value(),
                    RequestContext.forService("api").requiringCapability("read"));
            case ParseResult.Err<Credential> e -> throw new AssertionError(e);
        };
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Valid.class, v -> {
            assertThat(v.tier()).isZero();
            assertThat(v.identifier().paymentHash()).isEqualTo(preimage.paymentHash());
        });

        // the same credential through the legacy Macaroon header
        String hex = L402Headers.macaroonHeaderValue(new Credential(got.macaroon(), preimage));
        Credential viaHeader = ((ParseResult.Ok<Credential>) L402Headers.parseCredential(
                Map.of("Grpc-Metadata-Macaroon", List.of(hex)))).value();
        assertThat(verifier.verify(viaHeader, RequestContext.forService("api")).isValid()).isTrue();
        assertThat(verifier.verify(viaHeader, RequestContext.forService("api").requiringCapability("write")))
                .isEqualTo(new VerificationResult.Invalid(Reason.CAPABILITY_NOT_ALLOWED, null));
    }
}
