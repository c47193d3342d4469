package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the token identifier decoder: it throws only
 * {@link IdentifierFormatException}, and an identifier it accepts encodes back to the same bytes. Seeds:
 * {@code L402IdentifierFuzzTestInputs/decode/}; see docs/fuzzing.md.
 */
class L402IdentifierFuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        L402Identifier identifier;
        try {
            identifier = L402Identifier.decode(input);
        } catch (IdentifierFormatException expected) {
            return;
        }
        assertThat(identifier.encode()).isEqualTo(input);
        assertThat(identifier.rootKeyId()).isEqualTo(RootKeyId.ofIdentifierBytes(input));
    }
}
