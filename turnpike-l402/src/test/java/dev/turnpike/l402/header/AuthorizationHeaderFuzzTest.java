package dev.turnpike.l402.header;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the header codec: each input is one header value, given to the
 * {@code Authorization}, the {@code Macaroon} and the {@code WWW-Authenticate} parsers. They answer with a
 * {@link ParseResult} and never throw; a credential or challenge they accept formats back to a value that parses
 * to the same thing (a challenge only when its invoice can be written in a header: a quoted value may escape
 * {@code "} and {@code \}, which the formatter refuses).
 * Seeds: {@code AuthorizationHeaderFuzzTestInputs/headerValue/}; see docs/fuzzing.md.
 */
class AuthorizationHeaderFuzzTest {

    @FuzzTest
    void headerValue(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);

        if (L402Headers.parseAuthorizationValue(value) instanceof ParseResult.Ok<Credential> ok) {
            String formatted = L402Headers.authorizationValue(ok.value());
            assertThat(L402Headers.parseAuthorizationValue(formatted)).isEqualTo(ok);
        }
        if (L402Headers.parseMacaroonHeader(value) instanceof ParseResult.Ok<Credential> ok) {
            assertThat(ok.value().macaroon().caveats()).isNotEmpty(); // the preimage caveat at least
        }
        if (L402Headers.parseChallenge(value) instanceof ParseResult.Ok<Challenge> ok
                && ok.value().invoice().matches("[\\x20-\\x7e&&[^\"\\\\]]*")) { // else it cannot be formatted
            for (String formatted : L402Headers.challengeValues(ok.value())) {
                assertThat(L402Headers.parseChallenge(formatted)).isEqualTo(ok);
            }
        }
    }
}
