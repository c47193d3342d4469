package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {

    @Test
    void controlAndBidiCharactersAreShownEscapedAndTheRestAsItIs() {
        assertThat(UntrustedText.printable("Meter \u001b[31mdash\u009bboard\n", 100))
                .isEqualTo("Meter \\u001b[31mdash\\u009bboard\\u000a");
        assertThat(UntrustedText.printable("evil\u202egnp.exe", 100)).isEqualTo("evil\\u202egnp.exe");
        assertThat(UntrustedText.printable("Zähler ⚡ \uD83D\uDD0B", 100)).isEqualTo("Zähler ⚡ \uD83D\uDD0B");
        assertThat(UntrustedText.printable("lone \uD83D surrogate", 100)).isEqualTo("lone \\ud83d surrogate");
        assertThat(UntrustedText.printable("abcdef", 3)).isEqualTo("abc…");
        assertThat(UntrustedText.printable("abc", 3)).isEqualTo("abc");
    }

    @Test
    void noOutputEverHoldsAControlCharacter() {
        Random random = new Random(20260301L);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                s.append((char) random.nextInt(0x3000));
            }
            String shown = UntrustedText.printable(s.toString(), 30);
            assertThat(shown.codePoints()).as(shown).noneMatch(cp -> Character.isISOControl(cp)
                    || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028);
            assertThat(shown.codePointCount(0, shown.length())).isLessThanOrEqualTo(30 * 6 + 1);
        }
    }
}
