package dev.turnpike.lightning.bech32;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Coverage-guided fuzzing (Jazzer) of the bech32 decoder and the 5-to-8-bit regrouping: they throw only
 * {@link Bech32Exception}; a string that decodes encodes back to itself (in lower case), and words that regroup
 * into bytes regroup back into the same words. Seeds: {@code Bech32FuzzTestInputs/decode/}; see docs/fuzzing.md.
 */
class Bech32FuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Bech32Data decoded;
        try {
            decoded = Bech32.decode(text);
        } catch (Bech32Exception expected) {
            return;
        }
        assertThat(Bech32.encode(decoded.hrp(), decoded.words())).isEqualTo(text.toLowerCase(Locale.ROOT));
        byte[] bytes;
        try {
            bytes = Bech32.fromWords(decoded.words());
        } catch (Bech32Exception expected) {
            return;
        }
        assertThat(Bech32.toWords(bytes)).isEqualTo(decoded.words());
    }
}
