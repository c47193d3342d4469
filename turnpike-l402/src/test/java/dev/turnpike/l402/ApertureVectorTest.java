package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real aperture-minted macaroon from lsat-js's test data (src/test/resources/aperture-vector.txt). */
class ApertureVectorTest {
    static final Map<String, String> V = TestResources.properties("aperture-vector.txt");

    @Test
    void decodesTheApertureMacaroon() throws Exception {
        Macaroon m = MacaroonCodec.decodeBase64(V.get("macaroon"));
        assertThat(m.location()).isEqualTo(V.get("location"));
        assertThat(m.caveats()).hasSize(Integer.parseInt(V.get("caveats")));
        assertThat(HexFormat.of().formatHex(m.signature())).isEqualTo(V.get("signature"));

        L402Identifier id = L402Identifier.decode(m.identifier());
        assertThat(id.version()).isEqualTo(Integer.parseInt(V.get("version")));
        assertThat(id.paymentHash().toHex()).isEqualTo(V.get("payment_hash"));
        assertThat(id.tokenId().toHex()).isEqualTo(V.get("token_id"));

        // byte-identical re-encoding in aperture's header form (std base64, padded)
        assertThat(MacaroonCodec.encodeBase64(m)).isEqualTo(V.get("macaroon"));
        assertThat(MacaroonCodec.encode(m)).isEqualTo(Base64.getDecoder().decode(V.get("macaroon")));
    }

    @Test
    void parsesTheLsatJsChallengeString() {
        // lsat-js goMacaroonChallenge, prefixed with a scheme as in a WWW-Authenticate header
        String challenge = "LSAT macaroon=\"" + V.get("macaroon") + "\", invoice=\"" + V.get("invoice") + "\"";
        ParseResult<Challenge> r = L402Headers.parseChallenge(challenge);
        assertThat(r).isInstanceOfSatisfying(ParseResult.Ok.class, ok -> {
            Challenge c = (Challenge) ok.value();
            assertThat(c.invoice()).isEqualTo(V.get("invoice"));
            assertThat(MacaroonCodec.encodeBase64(c.macaroon())).isEqualTo(V.get("macaroon"));
        });
    }

    @Test
    void aStrangerTokenIsUnknownHere() {
        // a correct-looking credential with a preimage that does not match is refused before any lookup
        Fixtures.World w = new Fixtures.World();
        Macaroon m;
        try {
            m = MacaroonCodec.decodeBase64(V.get("macaroon"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        VerificationResult r = w.verifier().verify(new Credential(m, Preimage.fromHex("11".repeat(32))),
                RequestContext.forService("api"));
        assertThat(r).isEqualTo(new VerificationResult.Invalid(Reason.WRONG_PREIMAGE, null));
        assertThat(w.keys.lookups.get()).isZero();
    }
}
