package dev.turnpike.bifrost.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.TestData;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void bitcoinVectorsEncodeAndDecode() throws Exception {
        var vectors = TestData.lines("bitcoin-base58-vectors.txt");
        assertThat(vectors).hasSize(14);
        for (String line : vectors) {
            String[] f = line.split(" ");
            byte[] bytes = f[0].equals("-") ? new byte[0] : HEX.parseHex(f[0]);
            String text = f[1].equals("-") ? "" : f[1];
            assertThat(Base58.encode(bytes)).as(line).isEqualTo(text);
            assertThat(Base58.decode(text)).as(line).isEqualTo(bytes);
        }
    }

    @Test
    void eachLeadingZeroByteIsOneLeadingOne() throws Exception {
        assertThat(Base58.encode(new byte[] {0})).isEqualTo("1");
        assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
        assertThat(Base58.decode("111")).containsExactly(0, 0, 0);
        assertThat(Base58.decode("11z")).containsExactly(0, 0, 57);
    }

    @Test
    void refusesCharactersOutsideTheAlphabetWithTheirPosition() {
        for (String bad : new String[] {"0", "O", "I", "l", "+", "/", "=", " 2g", "2g ", "2g\n", "2\tg", "ö", "2g\u0000"}) {
            assertThatThrownBy(() -> Base58.decode(bad)).as(bad).isInstanceOf(EncodingException.class)
                    .hasMessageContaining("invalid base58 character");
        }
        assertThatThrownBy(() -> Base58.decode("abc0def")).isInstanceOf(EncodingException.class)
                .hasMessage("invalid base58 character '0' at index 3")
                .satisfies(e -> assertThat(((EncodingException) e).position()).isEqualTo(3));
        assertThatThrownBy(() -> Base58.decode("ab\ncd")).hasMessage("invalid base58 character U+000A at index 2");
    }

    @Test
    void boundsTheTextAndTheDecodedLength() throws Exception {
        assertThatThrownBy(() -> Base58.decode("2".repeat(Base58.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(EncodingException.class).hasMessageContaining("longer than 350");
        assertThatThrownBy(() -> Base58.decode("1".repeat(Base58.MAX_BYTES + 1)))
                .isInstanceOf(EncodingException.class).hasMessageContaining("more than 256 bytes");
        assertThat(Base58.decode("1".repeat(Base58.MAX_BYTES))).hasSize(Base58.MAX_BYTES);
        byte[] largest = new byte[Base58.MAX_BYTES];
        java.util.Arrays.fill(largest, (byte) 0xff);
        assertThat(Base58.encode(largest)).hasSizeLessThanOrEqualTo(Base58.MAX_TEXT_LENGTH);
        assertThatThrownBy(() -> Base58.encode(new byte[Base58.MAX_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesRoundTripAndTheEncodingIsCanonical() throws Exception {
        Random random = new Random(58);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(Base58.MAX_BYTES + 1)];
            random.nextBytes(bytes);
            for (int z = random.nextInt(4); z > 0 && z <= bytes.length; z--) {
                bytes[z - 1] = 0; // exercise leading zeros
            }
            String text = Base58.encode(bytes);
            assertThat(Base58.decode(text)).isEqualTo(bytes);
            assertThat(text).matches("[1-9A-HJ-NP-Za-km-z]*");
        }
    }

    @Test
    void randomTextsDecodeToTheirOnlyEncodingOrFailCleanly() {
        Random random = new Random(5858);
        String chars = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl +/=";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                s.append(chars.charAt(random.nextInt(chars.length())));
            }
            try {
                assertThat(Base58.encode(Base58.decode(s.toString()))).isEqualTo(s.toString());
            } catch (EncodingException e) {
                assertThat(s.toString()).containsAnyOf("0", "O", "I", "l", " ", "+", "/", "=");
            }
        }
    }
}
