package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the compact JWS reader, its JSON and the delegation token's claims: they
 * throw only {@link Refusal}, and a token that verifies has attributes that read back the same. An input with a
 * line break is a header line and a payload (JSON text), which the target encodes and signs with the wallet key of
 * the tests, so that mutations of the JSON reach the claims and the signature check; any other input is a compact
 * JWS as it is. Seeds: {@code JwsFuzzTestInputs/read/}; see docs/fuzzing.md.
 */
class JwsFuzzTest {
    private static final TokenFixture FIXTURE = new TokenFixture();

    @FuzzTest
    void read(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int lineBreak = text.indexOf('\n');
        String compact = lineBreak < 0 ? text
                : TestData.jws(FIXTURE.wallet, text.substring(0, lineBreak), text.substring(lineBreak + 1));
        try {
            Jws.parse(compact, DelegationToken.TYPE, true);
        } catch (Refusal expected) {
            assertThat(expected.reason()).isNotNull();
        }
        DelegationToken token;
        try {
            token = UnverifiedToken.parse(compact, key -> null).verify();
        } catch (Refusal expected) {
            return;
        }
        assertThat(token.compact()).isEqualTo(compact);
        assertThat(token.issuer()).isEqualTo(FIXTURE.wallet.publicKey());
        try {
            assertThat(Attributes.parse(token.attributes().toJson())).isEqualTo(token.attributes());
        } catch (InvalidAttributesException e) {
            throw new AssertionError("verified attributes do not read back: " + token.attributes(), e);
        }
    }
}
