package dev.turnpike.bifrost.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    @Test
    void encodesWithoutPaddingInTheUrlAlphabet() throws Exception {
        assertThat(Base64Url.encode("{\"alg\":\"Ed25519\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("eyJhbGciOiJFZDI1NTE5In0");
        assertThat(Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("-_8");
        assertThat(Base64Url.decode("-_8", 10)).containsExactly(0xfb, 0xff);
        assertThat(Base64Url.decode("", 10)).isEmpty();
    }

    @Test
    void refusesPaddingWhitespaceAndTheStandardAlphabet() {
        for (String bad : new String[] {"-_8=", "ab+c", "ab/c", "ab c", "abc\n", "ab.c"}) {
            assertThatThrownBy(() -> Base64Url.decode(bad, 100)).as(bad).isInstanceOf(EncodingException.class)
                    .hasMessageContaining("invalid base64url character");
        }
    }

    @Test
    void refusesImpossibleLengthsNonCanonicalTailsAndOverlongText() {
        assertThatThrownBy(() -> Base64Url.decode("abcde", 100)).hasMessageContaining("cannot be complete");
        // "-_8" is canonical; "-_9" sets an unused bit of the last character
        assertThatThrownBy(() -> Base64Url.decode("-_9", 100)).hasMessageContaining("not canonical");
        assertThatThrownBy(() -> Base64Url.decode("QR", 100)).hasMessageContaining("not canonical");
        assertThatThrownBy(() -> Base64Url.decode("abcd", 3)).hasMessageContaining("longer than 3");
    }

    @Test
    void randomBytesRoundTripAndAgreeWithTheJdk() throws Exception {
        Random random = new Random(64);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            String text = Base64Url.encode(bytes);
            assertThat(text).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            assertThat(Base64Url.decode(text, 200)).isEqualTo(bytes);
        }
    }

    @Test
    void everyAcceptedTextIsTheOnlyEncodingOfItsBytes() {
        Random random = new Random(6464);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(chars.charAt(random.nextInt(chars.length())));
            }
            try {
                assertThat(Base64Url.encode(Base64Url.decode(s, 100))).isEqualTo(s.toString());
                accepted++;
            } catch (EncodingException e) {
                assertThat(s.length() % 4).isNotZero();
            }
        }
        assertThat(accepted).isGreaterThan(1_000);
    }
}
