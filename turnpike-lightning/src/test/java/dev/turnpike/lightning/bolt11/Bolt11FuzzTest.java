package dev.turnpike.lightning.bolt11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.turnpike.lightning.bech32.Bech32;
import dev.turnpike.lightning.bech32.Bech32Data;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the decoder: whatever the input, it returns an invoice or throws {@link Bolt11Exception};
 * nothing else escapes. Mutations that keep a valid checksum reach past bech32 into the invoice parser.
 */
@Timeout(60)
class Bolt11FuzzTest {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final List<String> SEEDS = SpecVectors.VALID.stream().map(SpecVectors.Valid::invoice).toList();

    @Test
    void randomStringsAreRejectedWithBolt11Exception() {
        Random random = new Random(20240601L);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            if (random.nextBoolean()) {
                s.append(List.of("ln", "lnbc", "lntb", "lntbs", "lnbcrt", "lnsb", "LNBC").get(random.nextInt(7)));
                s.append(random.nextBoolean() ? random.nextInt(100000) : "");
                s.append("munpx1".charAt(random.nextInt(6)));
            }
            int length = random.nextInt(400);
            for (int j = 0; j < length; j++) {
                s.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : CHARSET.charAt(random.nextInt(32)));
            }
            assertDecoderContract(s.toString());
        }
    }

    @Test
    void mutatedAndTruncatedSpecInvoicesNeverThrowAnythingElse() {
        Random random = new Random(42L);
        for (int i = 0; i < 5_000; i++) {
            String seed = SEEDS.get(random.nextInt(SEEDS.size()));
            StringBuilder s = new StringBuilder(seed);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int pos = random.nextInt(s.length());
                switch (random.nextInt(5)) {
                    case 0 -> s.setCharAt(pos, CHARSET.charAt(random.nextInt(32)));
                    case 1 -> s.deleteCharAt(pos);
                    case 2 -> s.insert(pos, CHARSET.charAt(random.nextInt(32)));
                    case 3 -> s.setLength(pos);
                    default -> s.setCharAt(pos, Character.toUpperCase(s.charAt(pos)));
                }
            }
            assertDecoderContract(s.toString());
        }
    }

    @Test
    void mutationsWithAValidChecksumReachTheInvoiceParser() throws Exception {
        Random random = new Random(7L);
        int decoded = 0;
        int rejectedPastBech32 = 0;
        for (int i = 0; i < 20_000; i++) {
            Bech32Data seed = Bech32.decode(SEEDS.get(random.nextInt(SEEDS.size())));
            String hrp = seed.hrp();
            byte[] words = seed.words();
            switch (random.nextInt(6)) {
                case 0 -> words[random.nextInt(words.length)] = (byte) random.nextInt(32);
                case 1 -> words = java.util.Arrays.copyOf(words, random.nextInt(words.length + 1));
                case 2 -> {
                    // Alter a tagged field's type or length words, near the start where the fields are.
                    int pos = 7 + random.nextInt(Math.min(60, words.length - 7));
                    words[pos] = (byte) random.nextInt(32);
                }
                case 3 -> {
                    byte[] longer = java.util.Arrays.copyOf(words, words.length + random.nextInt(200));
                    for (int j = words.length; j < longer.length; j++) {
                        longer[j] = (byte) random.nextInt(32);
                    }
                    words = longer;
                }
                case 4 -> hrp = List.of("lnbc", "lntb", "lnbcrt", "lntbs", "lnsb", "lnbc0", "lnbc1p", "lnbc10p",
                        "lnbc99999999999999999999p", "lnbc2500u", "ln", "lnxx1m").get(random.nextInt(12));
                default -> {
                    // Flip bits in the signature, including the recovery id.
                    int pos = Math.max(0, words.length - 1 - random.nextInt(Math.min(words.length, 104)));
                    words[pos] ^= (byte) (1 << random.nextInt(5));
                }
            }
            String candidate = Bech32.encode(hrp, words);
            try {
                Bolt11Invoice.decode(candidate);
                decoded++;
            } catch (Bolt11Exception e) {
                assertThat(e.reason()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
                if (e.reason() != Bolt11Exception.Reason.INVALID_BECH32) {
                    rejectedPastBech32++;
                }
            } catch (RuntimeException | Error e) {
                fail("decoder threw " + e + " for " + candidate, e);
            }
        }
        // The mutations must exercise the parser, not just the checksum: most are rejected past bech32,
        // and some (e.g. a changed signature bit) still decode, to a different payee.
        assertThat(rejectedPastBech32).isGreaterThan(5_000);
        assertThat(decoded).isPositive();
    }

    @Test
    void decodingIsBoundedForTheLongestAcceptedInput() {
        byte[] words = new byte[Bech32.MAX_LENGTH - "lnbc".length() - 1 - 6];
        // Fields of maximal length one after another, then room for a signature.
        for (int pos = 7; pos + 3 + 1023 < words.length - 104; pos += 3 + 1023) {
            words[pos] = 13;
            words[pos + 1] = 31;
            words[pos + 2] = 31;
        }
        String longest = Bech32.encode("lnbc", words);
        long start = System.nanoTime();

        assertDecoderContract(longest);
        assertDecoderContract(longest + "q");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    private static void assertDecoderContract(String input) {
        try {
            Bolt11Invoice invoice = Bolt11Invoice.decode(input);
            assertThat(invoice.encoded()).isEqualTo(input);
        } catch (Bolt11Exception e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail("decoder threw " + e + " for input " + input, e);
        }
    }
}
