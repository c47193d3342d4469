package dev.turnpike.l402.header;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import dev.turnpike.l402.macaroon.RootKey;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzzing of the header parsers: they return a ParseResult for every input and never throw. */
class HeaderFuzzTest {
    static final Macaroon MAC = Macaroon.create(RootKey.of(new byte[] {1}), new byte[66], "lsat")
            .addFirstPartyCaveat("services=api:0");
    static final String HEX = "ab".repeat(32);
    static final String GOOD_AUTH = "L402 " + MacaroonCodec.encodeBase64(MAC) + ":" + HEX;
    static final String GOOD_CHALLENGE = "L402 macaroon=\"" + MacaroonCodec.encodeBase64(MAC) + "\", invoice=\"lnbc1\"";
    static final String GOOD_MAC_HEADER = MacaroonCodec.encodeHex(MAC.addFirstPartyCaveat("preimage=" + HEX));
    static final String CHARS = "L402LSATlsat macaroon=token\"invoice,version:0123456789abcdefABCDEF+/-_=\t\\\u00e9\u0000\n";

    static String mutate(Random r, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int op = r.nextInt(3);
            if (op == 0 && sb.length() > 0) {
                sb.deleteCharAt(r.nextInt(sb.length()));
            } else if (op == 1) {
                sb.insert(r.nextInt(sb.length() + 1), CHARS.charAt(r.nextInt(CHARS.length())));
            } else if (sb.length() > 0) {
                sb.setCharAt(r.nextInt(sb.length()), CHARS.charAt(r.nextInt(CHARS.length())));
            }
        }
        return sb.toString();
    }

    static String random(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(200);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(10) == 0 ? (char) r.nextInt(0x3000) : CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return sb.toString();
    }

    @Test
    void credentialParsersNeverThrow() {
        Random r = new Random(402);
        int ok = 0;
        for (int i = 0; i < 30_000; i++) {
            String a = r.nextBoolean() ? mutate(r, GOOD_AUTH) : random(r);
            String m = r.nextBoolean() ? mutate(r, GOOD_MAC_HEADER) : random(r);
            ParseResult<?> res1 = L402Headers.parseAuthorizationValue(a);
            ParseResult<?> res2 = L402Headers.parseMacaroonHeader(m);
            ParseResult<?> res3 = L402Headers.parseCredential(Map.of("Authorization", List.of(a, random(r)),
                    "Grpc-Metadata-Macaroon", List.of(m)));
            assertThat(res1).isNotNull();
            assertThat(res2).isNotNull();
            assertThat(res3).isNotNull();
            if (res1.isOk()) {
                ok++;
                Preimage p = ((ParseResult.Ok<dev.turnpike.l402.Credential>) res1).value().preimage();
                assertThat(p).isNotNull();
            }
        }
        assertThat(ok).isPositive();
    }

    @Test
    void challengeParserNeverThrows() {
        Random r = new Random(7);
        for (int i = 0; i < 30_000; i++) {
            String c = r.nextBoolean() ? mutate(r, GOOD_CHALLENGE) : random(r);
            assertThat(L402Headers.parseChallenge(c)).isNotNull();
            assertThat(L402Headers.parseChallenges(List.of(c, random(r)))).isNotNull();
        }
    }
}
