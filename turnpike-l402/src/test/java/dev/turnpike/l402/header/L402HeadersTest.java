package dev.turnpike.l402.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import dev.turnpike.l402.macaroon.RootKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class L402HeadersTest {
    static final Preimage PREIMAGE = Preimage.fromHex("0123456789abcdef".repeat(4));
    static final String HEX = PREIMAGE.toHex();

    /** A macaroon whose std base64 contains '+' or '/' and padding, to exercise the alphabet variants. */
    static final Macaroon MAC = pickMacaroon();

    static Macaroon pickMacaroon() {
        Macaroon base = Macaroon.create(RootKey.of(new byte[] {9}), new byte[66], "lsat")
                .addFirstPartyCaveat("services=api:0");
        for (int i = 0;; i++) {
            Macaroon m = base.addFirstPartyCaveat("n=" + i);
            String s = MacaroonCodec.encodeBase64(m);
            if ((s.contains("+") || s.contains("/")) && s.endsWith("=")) {
                return m;
            }
        }
    }

    static final byte[] BYTES = MacaroonCodec.encode(MAC);
    static final String STD = Base64.getEncoder().encodeToString(BYTES);

    static Credential ok(ParseResult<Credential> r) {
        assertThat(r).isInstanceOf(ParseResult.Ok.class);
        return ((ParseResult.Ok<Credential>) r).value();
    }

    static ParseResult.Error err(ParseResult<?> r) {
        assertThat(r).isInstanceOf(ParseResult.Err.class);
        return ((ParseResult.Err<?>) r).error();
    }

    @Test
    void formatsChallengesLsatThenL402() {
        List<String> values = L402Headers.challengeValues(new Challenge(MAC, "lnbc1xyz"));
        assertThat(values).containsExactly("LSAT macaroon=\"" + STD + "\", invoice=\"lnbc1xyz\"",
                "L402 macaroon=\"" + STD + "\", invoice=\"lnbc1xyz\"");
        assertThatThrownBy(() -> L402Headers.challengeValues(new Challenge(MAC, "ln\"bc")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesChallengeVariants() {
        for (String v : new String[] {
            "L402 macaroon=\"" + STD + "\", invoice=\"lnbc1\"",
            "LSAT macaroon=\"" + STD + "\", invoice=\"lnbc1\"",
            "l402 token=\"" + STD + "\", invoice=\"lnbc1\"",
            "Lsat  version=\"0\",invoice=\"lnbc1\" ,  macaroon=\"" + STD + "\"",
            "L402 MACAROON=" + STD + ", INVOICE=lnbc1, other=\"x\"",
            "  L402\tmacaroon=\"" + STD + "\", invoice=\"lnbc\\1\"  ",
        }) {
            ParseResult<Challenge> r = L402Headers.parseChallenge(v);
            assertThat(r).as(v).isInstanceOf(ParseResult.Ok.class);
            Challenge c = ((ParseResult.Ok<Challenge>) r).value();
            assertThat(c.macaroon()).isEqualTo(MAC);
            assertThat(c.invoice()).isEqualTo("lnbc1");
        }
        assertThat(err(L402Headers.parseChallenge("Basic realm=\"x\""))).isEqualTo(ParseResult.Error.ABSENT);
        assertThat(err(L402Headers.parseChallenge("L402 version=\"1\", macaroon=\"" + STD + "\", invoice=\"x\"")))
                .isEqualTo(ParseResult.Error.UNSUPPORTED_VERSION);
        assertThat(err(L402Headers.parseChallenge("L402 macaroon=\"" + STD + "\"")))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseChallenge("L402 macaroon=\"" + STD + "\", token=\"" + STD
                + "\", invoice=\"x\""))).isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseChallenge("L402 macaroon=\"abc, invoice=\"x\"")))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseChallenge("L402 invoice=\"x\", invoice=\"y\", macaroon=\"" + STD + "\"")))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseChallenge("L402 macaroon=\"" + "A".repeat(20_000) + "\"")))
                .isEqualTo(ParseResult.Error.TOO_LARGE);
        ParseResult<Challenge> fromList = L402Headers.parseChallenges(
                List.of("Bearer realm=\"x\"", "L402 macaroon=\"" + STD + "\", invoice=\"lnbc1\""));
        assertThat(fromList.isOk()).isTrue();
    }

    @Test
    void parsesAuthorizationVariants() {
        String url = Base64.getUrlEncoder().encodeToString(BYTES);
        String urlRaw = Base64.getUrlEncoder().withoutPadding().encodeToString(BYTES);
        String stdRaw = Base64.getEncoder().withoutPadding().encodeToString(BYTES);
        for (String v : new String[] {
            "L402 " + STD + ":" + HEX,
            "LSAT " + STD + ":" + HEX,
            "l402 " + STD + ":" + HEX,
            "lsat " + STD + ":" + HEX.toUpperCase(),
            "L402    " + STD + ":" + HEX,
            "L402\t" + STD + ":" + HEX,
            "  L402 " + STD + ":" + HEX + "  ",
            "L402 " + stdRaw + ":" + HEX,
            "L402 " + url + ":" + HEX,
            "L402 " + urlRaw + ":" + HEX,
            "L402 " + STD + "," + urlRaw + ":" + HEX,
            "L402 " + STD + " , " + STD + ":" + HEX,
        }) {
            Credential c = ok(L402Headers.parseAuthorizationValue(v));
            assertThat(c.macaroon()).as(v).isEqualTo(MAC);
            assertThat(c.preimage()).isEqualTo(PREIMAGE);
        }
    }

    @Test
    void severalMacaroonsUseTheFirst() {
        Macaroon other = MAC.addFirstPartyCaveat("x=y");
        Credential c = ok(L402Headers.parseAuthorizationValue(
                "L402 " + MacaroonCodec.encodeBase64(other) + "," + STD + ":" + HEX));
        assertThat(c.macaroon()).isEqualTo(other);
        String nine = String.join(",", java.util.Collections.nCopies(9, STD));
        assertThat(err(L402Headers.parseAuthorizationValue("L402 " + nine + ":" + HEX)))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseAuthorizationValue("L402 " + STD + ",:" + HEX)))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseAuthorizationValue("L402 " + STD + ",AAAA:" + HEX)))
                .isEqualTo(ParseResult.Error.MALFORMED);
    }

    @Test
    void rejectsMalformedAuthorization() {
        assertThat(err(L402Headers.parseAuthorizationValue("Bearer abc"))).isEqualTo(ParseResult.Error.ABSENT);
        assertThat(err(L402Headers.parseAuthorizationValue("L402X " + STD + ":" + HEX)))
                .isEqualTo(ParseResult.Error.ABSENT);
        assertThat(err(L402Headers.parseAuthorizationValue("L402" + STD + ":" + HEX))) // no space: other scheme
                .isEqualTo(ParseResult.Error.ABSENT);
        for (String v : new String[] {
            "L402",
            "L402 ",
            "L402 " + STD,
            "L402 " + STD + ":" + HEX.substring(2),
            "L402 " + STD + ":" + HEX + "00",
            "L402 " + STD + ":" + HEX.replace('a', 'g'),
            "L402 " + STD + ": " + HEX,
            "L402 :" + HEX,
            "L402 " + STD.substring(1) + ":" + HEX,
            "L402 " + STD + "=:" + HEX,
            "L402 " + STD.replace('+', '-').replace('/', '-') + "/:" + HEX,
        }) {
            assertThat(err(L402Headers.parseAuthorizationValue(v))).as(v).isEqualTo(ParseResult.Error.MALFORMED);
        }
        assertThat(err(L402Headers.parseAuthorizationValue("L402 " + "A".repeat(9000) + ":" + HEX)))
                .isEqualTo(ParseResult.Error.TOO_LARGE);
    }

    @Test
    void considersEveryAuthorizationValue() {
        String good = "L402 " + STD + ":" + HEX;
        assertThat(ok(L402Headers.parseAuthorization(List.of("Bearer x", good))).macaroon()).isEqualTo(MAC);
        assertThat(ok(L402Headers.parseAuthorization(List.of(good, "Bearer x"))).macaroon()).isEqualTo(MAC);
        assertThat(ok(L402Headers.parseAuthorization(List.of("L402 garbage:" + HEX, good))).macaroon()).isEqualTo(MAC);
        assertThat(err(L402Headers.parseAuthorization(List.of("Bearer x", "L402 garbage:" + HEX))))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseAuthorization(List.of("Bearer x")))).isEqualTo(ParseResult.Error.ABSENT);
        List<String> many = new ArrayList<>(java.util.Collections.nCopies(L402Headers.MAX_HEADER_VALUES, "Bearer x"));
        many.add(good);
        assertThat(err(L402Headers.parseAuthorization(many))).isEqualTo(ParseResult.Error.ABSENT);
    }

    @Test
    void macaroonHeadersCarryThePreimageCaveat() {
        Credential cred = new Credential(MAC, PREIMAGE);
        String hex = L402Headers.macaroonHeaderValue(cred);
        for (String name : new String[] {"Grpc-Metadata-Macaroon", "macaroon", "MACAROON", "Grpc-Metadata-Token",
            "token"}) {
            Credential c = ok(L402Headers.parseCredential(Map.of(name, List.of(hex))));
            assertThat(c.preimage()).as(name).isEqualTo(PREIMAGE);
            assertThat(c.macaroon().caveats()).last().extracting(cv -> cv.idAsString())
                    .isEqualTo(L402Caveat.preimage(PREIMAGE).encode());
        }
        assertThat(ok(L402Headers.parseMacaroonHeader(hex.toUpperCase())).preimage()).isEqualTo(PREIMAGE);
        // last preimage caveat counts (as aperture's HasCaveat)
        Preimage other = Preimage.fromHex("ff".repeat(32));
        Macaroon two = MAC.addFirstPartyCaveat("preimage=" + HEX).addFirstPartyCaveat("preimage=" + other.toHex());
        assertThat(ok(L402Headers.parseMacaroonHeader(MacaroonCodec.encodeHex(two))).preimage()).isEqualTo(other);
        assertThat(err(L402Headers.parseMacaroonHeader(MacaroonCodec.encodeHex(MAC))))
                .isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseMacaroonHeader(
                MacaroonCodec.encodeHex(MAC.addFirstPartyCaveat("preimage=xyz"))))).isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseMacaroonHeader("zz"))).isEqualTo(ParseResult.Error.MALFORMED);
        assertThat(err(L402Headers.parseMacaroonHeader("a".repeat(9000)))).isEqualTo(ParseResult.Error.TOO_LARGE);
    }

    @Test
    void authorizationTakesPrecedenceOverMacaroonHeaders() {
        Macaroon viaHeader = MAC.addFirstPartyCaveat("preimage=" + HEX);
        Map<String, List<String>> headers = Map.of("authorization", List.of("L402 " + STD + ":" + HEX),
                "Macaroon", List.of(MacaroonCodec.encodeHex(viaHeader)));
        assertThat(ok(L402Headers.parseCredential(headers)).macaroon()).isEqualTo(MAC);
        // a malformed L402 Authorization is reported, not silently replaced
        Map<String, List<String>> bad = Map.of("Authorization", List.of("L402 x:y"),
                "Macaroon", List.of(MacaroonCodec.encodeHex(viaHeader)));
        assertThat(err(L402Headers.parseCredential(bad))).isEqualTo(ParseResult.Error.MALFORMED);
        // a foreign Authorization scheme falls through to the macaroon headers
        Map<String, List<String>> foreign = Map.of("Authorization", List.of("Basic Zm9vOmJhcg=="),
                "Macaroon", List.of(MacaroonCodec.encodeHex(viaHeader)));
        assertThat(ok(L402Headers.parseCredential(foreign)).macaroon()).isEqualTo(viaHeader);
        assertThat(err(L402Headers.parseCredential(Map.of()))).isEqualTo(ParseResult.Error.ABSENT);
        assertThat(err(L402Headers.parseCredential(name -> null))).isEqualTo(ParseResult.Error.ABSENT);
    }

    @Test
    void formatsAuthorizationForClients() {
        String v = L402Headers.authorizationValue(new Credential(MAC, PREIMAGE));
        assertThat(v).isEqualTo("L402 " + STD + ":" + HEX);
        assertThat(ok(L402Headers.parseAuthorizationValue(v)).macaroon()).isEqualTo(MAC);
    }
}
