package dev.turnpike.lightning.bech32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.lightning.bech32.Bech32Exception.Reason;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Bech32Test {

    /** BIP-173 "valid Bech32" test vectors. */
    @ParameterizedTest
    @ValueSource(strings = {
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl"
    })
    void decodesAndReEncodesTheBip173ValidVectors(String valid) throws Exception {
        Bech32Data data = Bech32.decode(valid);

        assertThat(Bech32.encode(data.hrp(), data.words())).isEqualTo(valid.toLowerCase(Locale.ROOT));
    }

    @Test
    void decodesTheFieldsOfAKnownString() throws Exception {
        Bech32Data data = Bech32.decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");

        assertThat(data.hrp()).isEqualTo("abcdef");
        byte[] expected = new byte[32];
        for (int i = 0; i < 32; i++) {
            expected[i] = (byte) i;
        }
        assertThat(data.words()).containsExactly(expected);
    }

    /** BIP-173 "invalid Bech32" test vectors, with the reason each is invalid. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\u00201nwldj5|INVALID_CHARACTER",
        "\u007f1axkwrx|INVALID_CHARACTER",
        "\u00801eym55h|INVALID_CHARACTER",
        "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx|HRP_TOO_LONG",
        "pzry9x0s0muk|NO_SEPARATOR",
        "1pzry9x0s0muk|EMPTY_HRP",
        "x1b4n0q5v|INVALID_CHARACTER",
        "li1dgmt3|CHECKSUM_TOO_SHORT",
        "de1lg7wt\u00ff|INVALID_CHARACTER",
        "A1G7SGD8|INVALID_CHECKSUM",
        "10a06t8|EMPTY_HRP",
        "1qzzfhee|EMPTY_HRP",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7|MIXED_CASE",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5|INVALID_CHECKSUM"
    }, ignoreLeadingAndTrailingWhitespace = false)
    void rejectsTheBip173InvalidVectorsSayingWhy(String invalid, Reason reason) {
        Bech32Exception e = catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode(invalid));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    void reportsThePositionOfAnInvalidCharacter() {
        Bech32Exception e = catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode("x1b4n0q5v"));

        assertThat(e.position()).isEqualTo(2);
        assertThat(e.getMessage()).contains("'b'").contains("position 2");
    }

    @Test
    void acceptsStringsLongerThanNinetyCharactersUpToTheBound() throws Exception {
        byte[] words = new byte[Bech32.MAX_LENGTH - "ln".length() - 1 - 6];
        Random random = new Random(1);
        for (int i = 0; i < words.length; i++) {
            words[i] = (byte) random.nextInt(32);
        }
        String longest = Bech32.encode("ln", words);
        assertThat(longest).hasSize(Bech32.MAX_LENGTH);

        assertThat(Bech32.decode(longest).words()).containsExactly(words);
        Bech32Exception e = catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode(longest + "q"));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
    }

    @Test
    void regroupsBytesIntoWordsAndBack() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length < 80; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);

            byte[] words = Bech32.toWords(bytes);

            assertThat(words).hasSize((length * 8 + 4) / 5);
            for (byte w : words) {
                assertThat(w).isBetween((byte) 0, (byte) 31);
            }
            assertThat(Bech32.fromWords(words)).containsExactly(bytes);
        }
    }

    @Test
    void rejectsMoreThanFourPaddingBitsOrNonZeroPadding() {
        // 3 words = 15 bits: one byte and 7 bits that can only be padding.
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.fromWords(new byte[3])).reason())
                .isEqualTo(Reason.INVALID_PADDING);
        // 2 words = 10 bits: one byte and 2 padding bits, here 01.
        assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.fromWords(new byte[] {0, 1})).reason())
                .isEqualTo(Reason.INVALID_PADDING);
    }

    @Test
    void packsWordsWithZeroPaddingForSigning() {
        assertThat(Bech32.packWordsPadded(new byte[] {31, 31, 31}, 0, 3)).containsExactly((byte) 0xff, (byte) 0xfe);
    }

    @Test
    void refusesToEncodeAnUpperCaseHrpOrAnOutOfRangeWord() {
        assertThatThrownBy(() -> Bech32.encode("LN", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bech32.encode("ln", new byte[] {32})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detectsEverySingleCharacterSubstitution() throws Exception {
        String valid = "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw";
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        for (int pos = valid.indexOf('1') + 1; pos < valid.length(); pos++) {
            for (char c : charset.toCharArray()) {
                if (c == valid.charAt(pos)) {
                    continue;
                }
                String mutated = valid.substring(0, pos) + c + valid.substring(pos + 1);
                assertThat(catchThrowableOfType(Bech32Exception.class, () -> Bech32.decode(mutated)).reason())
                        .isEqualTo(Reason.INVALID_CHECKSUM);
            }
        }
    }
}
