package dev.turnpike.l402.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the V1 packet decoder, reached when the first byte is a lowercase hex digit:
 * it throws only {@link MacaroonFormatException}, and a macaroon it accepts survives the V2 encoding it is
 * re-encoded in. Seeds (the libmacaroons V1 vectors): {@code MacaroonV1FuzzTestInputs/decode/}; see
 * docs/fuzzing.md.
 */
class MacaroonV1FuzzTest {
    @FuzzTest
    void decode(byte[] input) throws MacaroonFormatException {
        if (input.length == 0 || "0123456789abcdef".indexOf(input[0]) < 0) {
            return; // another format: MacaroonV2FuzzTest and the base64 and hex text forms via the header target
        }
        Macaroon macaroon;
        try {
            macaroon = MacaroonCodec.decode(input);
        } catch (MacaroonFormatException expected) {
            return;
        }
        assertThat(MacaroonCodec.decode(MacaroonCodec.encode(macaroon))).isEqualTo(macaroon);
    }
}
