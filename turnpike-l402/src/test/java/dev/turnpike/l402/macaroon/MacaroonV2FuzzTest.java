package dev.turnpike.l402.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the V2 binary decoder: it throws only {@link MacaroonFormatException}, and
 * it is canonical, so whatever it accepts encodes back to the very same bytes. Seeds (the libmacaroons V2 vectors
 * and an aperture token): {@code MacaroonV2FuzzTestInputs/decode/}; see docs/fuzzing.md.
 */
class MacaroonV2FuzzTest {

    @FuzzTest
    void decode(byte[] input) {
        Macaroon macaroon;
        try {
            macaroon = MacaroonCodec.decode(input);
        } catch (MacaroonFormatException expected) {
            return;
        }
        if (input[0] == MacaroonCodec.VERSION_2) {
            assertThat(MacaroonCodec.encode(macaroon)).isEqualTo(input);
        }
    }
}
