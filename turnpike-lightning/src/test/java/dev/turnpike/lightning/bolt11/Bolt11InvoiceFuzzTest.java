package dev.turnpike.lightning.bolt11;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.turnpike.lightning.bech32.Bech32;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Coverage-guided fuzzing (Jazzer) of the BOLT #11 decoder: it returns an invoice or throws
 * {@link Bolt11Exception}, and an invoice it returns is the string it was given. Each input is decoded twice: as
 * it is, and with its bech32 checksum recomputed, so that mutations reach the tagged fields and the signature
 * instead of stopping at the checksum. Seeds (the BOLT #11 specification's invoices):
 * {@code Bolt11InvoiceFuzzTestInputs/decode/}; see docs/fuzzing.md.
 */
class Bolt11InvoiceFuzzTest {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    @FuzzTest
    void decode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        assertDecoderContract(text);
        String rechecksummed = withValidChecksum(text);
        if (rechecksummed != null) {
            assertDecoderContract(rechecksummed);
        }
    }

    private static void assertDecoderContract(String text) {
        try {
            assertThat(Bolt11Invoice.decode(text).encoded()).isEqualTo(text);
        } catch (Bolt11Exception expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    /** {@code text} with its last six characters replaced by a valid checksum; null if it is not bech32-shaped. */
    private static String withValidChecksum(String text) {
        int separator = text.lastIndexOf('1');
        if (separator < 1 || text.length() - separator - 1 < 6) {
            return null;
        }
        String data = text.substring(separator + 1, text.length() - 6).toLowerCase(Locale.ROOT);
        byte[] words = new byte[data.length()];
        for (int i = 0; i < words.length; i++) {
            words[i] = (byte) CHARSET.indexOf(data.charAt(i));
            if (words[i] < 0) {
                return null;
            }
        }
        try {
            return Bech32.encode(text.substring(0, separator).toLowerCase(Locale.ROOT), words);
        } catch (IllegalArgumentException notAnHrp) {
            return null;
        }
    }
}
