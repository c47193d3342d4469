package dev.turnpike.bifrost.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.TestData;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session ids, poll tokens and confirmation codes. */
class SessionValuesTest {
    private final SecureRandom random = TestData.seededRandom(3);

    @Test
    void sessionIdsAre128RandomBitsInUrlSafeText() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            SessionId id = SessionId.generate(random);
            assertThat(id.text()).hasSize(SessionId.TEXT_LENGTH).matches("[A-Za-z0-9_-]+");
            assertThat(SessionId.parse(id.text())).contains(id);
            assertThat(seen.add(id.text())).isTrue();
        }
    }

    @Test
    void sessionIdsParseStrictly() {
        String text = SessionId.generate(random).text();
        for (String bad : new String[] {"", text.substring(1), text + "A", text + "=", " " + text,
                text.substring(0, 21) + "B", "abcd1234"}) {
            assertThat(SessionId.parse(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void aSessionIdHidesItselfInLogs() throws Exception {
        SessionId id = SessionId.generate(random);
        byte[] raw = java.util.Base64.getUrlDecoder().decode(id.text());
        assertThat(id.hashed()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)));
        assertThat(id.toString()).doesNotContain(id.text()).contains(id.hashed().substring(0, 16));
        assertThat(SessionId.parse(id.text()).orElseThrow()).isEqualTo(id).hasSameHashCodeAs(id);
        assertThat(SessionId.generate(random)).isNotEqualTo(id);
    }

    @Test
    void pollTokensAreSecretsStoredAsHashes() {
        PollToken token = PollToken.generate(random);
        assertThat(token.reveal()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(token.toString()).isEqualTo("PollToken[redacted]");
        PollTokenHash hash = token.hash();
        assertThat(hash.toHex()).hasSize(64).doesNotContain(token.reveal());
        assertThat(hash.toString()).doesNotContain(token.reveal());
        assertThat(hash.matches(PollToken.parse(token.reveal()).orElseThrow())).isTrue();
        assertThat(hash.matches(PollToken.generate(random))).isFalse();
        assertThat(PollTokenHash.fromHex(hash.toHex())).isEqualTo(hash).hasSameHashCodeAs(hash);
        assertThatThrownBy(() -> PollTokenHash.fromHex("abcd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PollTokenHash.fromHex("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThat(PollToken.parse(token.reveal() + "A")).isEmpty();
        assertThat(PollToken.parse(SessionId.generate(random).text())).isEmpty();
    }

    @Test
    void confirmationCodesUseRfc8628sAlphabetUniformly() {
        int[] counts = new int[ConfirmationCode.ALPHABET.length()];
        for (int i = 0; i < 2_000; i++) {
            ConfirmationCode code = ConfirmationCode.generate(random);
            assertThat(code.text()).hasSize(6).matches("[BCDFGHJKLMNPQRSTVWXZ]{6}");
            assertThat(code.display()).isEqualTo(code.text().substring(0, 3) + "-" + code.text().substring(3));
            code.text().chars().forEach(c -> counts[ConfirmationCode.ALPHABET.indexOf(c)]++);
        }
        // 12,000 letters over 20: each about 600; a biased generator would miss this band
        assertThat(Arrays.stream(counts).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(450, 750));
    }

    @Test
    void confirmationCodesParseAsPeopleTypeThem() {
        assertThat(ConfirmationCode.parse("BCD-FGH").map(ConfirmationCode::text)).contains("BCDFGH");
        assertThat(ConfirmationCode.parse("bcdfgh").map(ConfirmationCode::display)).contains("BCD-FGH");
        for (String bad : new String[] {"BCDFG", "BCDFGHJ", "ABCDEF", "BC-DFGH", "BCD FGH", "BCDFG1", "BCDﬀG", ""}) {
            assertThat(ConfirmationCode.parse(bad)).as(bad).isEmpty();
        }
    }
}
