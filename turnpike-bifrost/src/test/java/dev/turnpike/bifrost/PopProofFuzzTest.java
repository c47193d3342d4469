package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzzing (Jazzer) of the proof-of-possession verifier, bridge proofs and RFC 9449 DPoP proofs
 * alike: it answers every input with a {@link Verification} and never throws, and a proof it accepts is refused
 * the second time (replay). An input with a line break is a header line and a payload (JSON text), which the
 * target encodes and signs with the application key of the tests, so that mutations reach the claims
 * ({@code htm}, {@code htu}, {@code iat}, {@code jti}, {@code ath}, {@code session}) and the {@code jwk}; any other
 * input is a compact proof as it is. Seeds: {@code PopProofFuzzTestInputs/verify/}; see docs/fuzzing.md.
 */
class PopProofFuzzTest {
    private static final TokenFixture FIXTURE = new TokenFixture();
    private static final String URL = "https://api.example/sites/site-1/meters";
    private static final PopExpectation FOR_TOKEN = PopExpectation.forToken(FIXTURE.app.publicKey(),
            PopExpectation.accessTokenHash("token"), "GET", URL);
    private static final PopExpectation FOR_SESSION = PopExpectation.forSession(FIXTURE.app.publicKey(), "GET", URL,
            "session-1");

    @FuzzTest
    void verify(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int lineBreak = text.indexOf('\n');
        String proof = lineBreak < 0 ? text
                : TestData.jws(FIXTURE.app, text.substring(0, lineBreak), text.substring(lineBreak + 1));
        for (PopExpectation expected : new PopExpectation[] {FOR_TOKEN, FOR_SESSION}) {
            PopVerifier verifier = PopVerifier.withDefaults(
                    new InMemoryReplayCache(16, Clock.fixed(TokenFixture.NOW, ZoneOffset.UTC)));
            Verification<PopProof> first = verifier.verify(proof, expected, TokenFixture.NOW);
            assertThat(first).isNotNull();
            if (first instanceof Verification.Verified<PopProof>) {
                assertThat(verifier.verify(proof, expected, TokenFixture.NOW))
                        .isInstanceOfSatisfying(Verification.Refused.class,
                                r -> assertThat(r.reason()).isEqualTo(Reason.PROOF_REPLAYED));
            }
        }
    }
}
