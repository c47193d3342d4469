package dev.turnpike.bifrost.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of the base58 decoder: it throws only {@link EncodingException}, and since the
 * encoding is canonical, text that decodes encodes back to itself. Seeds (Bitcoin Core's base58 vectors):
 * {@code Base58FuzzTestInputs/decode/}; see docs/fuzzing.md.
 */
class Base58FuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        byte[] bytes;
        try {
            bytes = Base58.decode(text);
        } catch (EncodingException expected) {
            return;
        }
        assertThat(Base58.encode(bytes)).isEqualTo(text);
    }
}
