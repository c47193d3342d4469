package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.RootKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Coverage-guided fuzzing (Jazzer) of the caveat parsers and rules: each input is a list of caveats, one a line,
 * added to a correctly signed token that the verifier then checks for a request. Whatever the caveats, the
 * verifier answers {@link VerificationResult.Valid} or {@link VerificationResult.Invalid} without a failure (no
 * exception escapes, none is swallowed as a backend error), and each caveat parses back to its own text. Seeds:
 * {@code L402CaveatsFuzzTestInputs/verify/}; see docs/fuzzing.md.
 */
class L402CaveatsFuzzTest {
    private static final RootKey KEY = RootKey.of(new byte[32]);
    private static final Preimage PREIMAGE = Preimage.of(new byte[32]);
    private static final Macaroon TOKEN = Macaroon.create(KEY,
            L402Identifier.of(PREIMAGE.paymentHash(), TokenId.of(new byte[32])).encode(), "fuzz");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final L402Verifier VERIFIER = L402Verifier.builder()
            .rootKeyStore(id -> Optional.of(KEY))
            .revocationCheck(tokenId -> false)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .constraint(ConstraintSatisfier.atMost("max_bytes", "bytes"))
            .constraint(ConstraintSatisfier.exactInput("region", "region"))
            .build();
    private static final RequestContext REQUEST = RequestContext.forService("api")
            .requiringCapability("read")
            .withInput("bytes", "1000")
            .withInput("region", "eu");

    @FuzzTest
    void verify(byte[] input) {
        Macaroon token = TOKEN;
        for (String caveat : new String(input, StandardCharsets.UTF_8).split("\n", Macaroon.MAX_CAVEATS)) {
            token = token.addFirstPartyCaveat(caveat);
            L402Caveat parsed = L402Caveat.parse(caveat);
            if (parsed != null) {
                assertThat(parsed.encode()).isEqualTo(caveat);
                L402Caveat.parseServices(parsed.value());
                L402Caveat.parseCapabilities(parsed.value());
                L402Caveat.parseUnixSeconds(parsed.value());
            }
        }

        VerificationResult result = VERIFIER.verify(new Credential(token, PREIMAGE), REQUEST);

        if (result instanceof VerificationResult.Invalid invalid) {
            assertThat(invalid.failure()).isEmpty();
        } else {
            VerificationResult.Valid valid = (VerificationResult.Valid) result;
            assertThat(valid.tier()).isBetween(0, ServiceGrant.MAX_TIER);
            assertThat(valid.expiresAt()).isEqualTo(L402Verifier.expiresAt(token, "api"));
        }
    }
}
