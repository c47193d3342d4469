package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.JwsAlgorithm;
import dev.turnpike.bifrost.Reason;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base58;
import dev.turnpike.bifrost.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bifrost tokens between us and the JavaScript libraries a wallet or an application would use: a token made with
 * tweetnacl and bs58 is accepted by our verifier; ours verify with jose (alg {@code Ed25519} and {@code EdDSA}) and
 * with a raw tweetnacl check; jose's own tokens are accepted; our base58 agrees with bs58.
 */
class BifrostInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final Instant NOW = Instant.parse("2025-04-28T08:50:41Z");

    private final SecureRandom random = new SecureRandom();
    private final byte[] walletSeed = randomSeed();
    private final Ed25519KeyPair wallet = Ed25519KeyPair.fromSeed(walletSeed);
    private final Ed25519KeyPair app = Ed25519KeyPair.generate(random);
    private final DelegationRequest request = session();

    @Test
    void aTokenSignedByAJavaScriptWalletWithTweetnaclAndBs58IsAccepted() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        Map<String, Object> sign = new LinkedHashMap<>();
        sign.put("seed", HEX.formatHex(walletSeed));
        sign.put("delegatedKey", request.delegatedKey().toBase58());
        sign.put("attributes", JSON.readTree(request.attributes().toJson()));
        sign.put("createdMillis", NOW.toEpochMilli());
        sign.put("expirationMillis", NOW.plus(Duration.ofHours(12)).toEpochMilli());
        JsonNode signed = js.callBifrost("wallet-sign", sign);
        assertThat(signed.get("issuer").asText()).isEqualTo(wallet.publicKey().toBase58());

        Verification<DelegationToken> v = DelegationVerifier.withDefaults()
                .verify(signed.get("token").asText(), request, NOW.plusSeconds(5));
        assertThat(v).isInstanceOf(Verification.Verified.class);
        DelegationToken token = ((Verification.Verified<DelegationToken>) v).value();
        assertThat(token.issuer()).isEqualTo(wallet.publicKey());
        assertThat(token.created()).isEqualTo(NOW); // written by toISOString(), with milliseconds
        assertThat(token.attributes()).isEqualTo(request.attributes());

        sign.put("delegatedKey", Ed25519KeyPair.generate(random).publicKey().toBase58());
        String forAnotherApp = js.callBifrost("wallet-sign", sign).get("token").asText();
        assertThat(DelegationVerifier.withDefaults().verify(forAnotherApp, request, NOW))
                .isInstanceOfSatisfying(Verification.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(Reason.WRONG_DELEGATED_KEY));
    }

    @Test
    void ourTokensVerifyWithJoseUnderBothAlgorithmNames() {
        NodeLibraries js = NodeLibraries.get();
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            String token = DelegationToken.sign(alg, wallet, app.publicKey(), request.attributes(), NOW,
                    NOW.plus(Duration.ofHours(12)));
            JsonNode verified = js.callBifrost("jose-verify", Map.of("token", token, "issuer",
                    wallet.publicKey().toBase58()));
            assertThat(verified.at("/protectedHeader/alg").asText()).isEqualTo(alg.jwsName());
            assertThat(verified.at("/protectedHeader/typ").asText()).isEqualTo("JWT");
            assertThat(verified.at("/payload/issuer").asText()).isEqualTo(wallet.publicKey().toBase58());
            assertThat(verified.at("/payload/delegatedKey").asText()).isEqualTo(app.publicKey().toBase58());
            assertThat(verified.at("/payload/created").asText()).isEqualTo("2025-04-28T08:50:41Z");
            assertThat(verified.at("/payload/expiration").asText()).isEqualTo("2025-04-28T20:50:41Z");
            assertThat(verified.at("/payload/attributes/nonce").asText()).isEqualTo(request.nonce());
            assertThat(verified.at("/payload/attributes/permissions/scopes/0").asText()).isEqualTo("read:meter");
        }
    }

    @Test
    void joseRefusesOurTokenUnderAnotherKeyOrTampered() {
        NodeLibraries js = NodeLibraries.get();
        String token = DelegationToken.sign(JwsAlgorithm.EDDSA, wallet, app.publicKey(), request.attributes(), NOW,
                NOW.plusSeconds(60));
        assertThatThrownBy(() -> js.callBifrost("jose-verify", Map.of("token", token, "issuer",
                app.publicKey().toBase58()))).isInstanceOf(NodeLibraries.LibraryRejected.class)
                .hasMessageContaining("signature verification failed");
        String tampered = tamperPayload(token);
        assertThatThrownBy(() -> js.callBifrost("jose-verify", Map.of("token", tampered, "issuer",
                wallet.publicKey().toBase58()))).isInstanceOf(NodeLibraries.LibraryRejected.class);
    }

    @Test
    void ourTokensPassARawTweetnaclCheckAndTamperedOnesFail() {
        NodeLibraries js = NodeLibraries.get();
        String token = DelegationToken.sign(wallet, app.publicKey(), request.attributes(), NOW, NOW.plusSeconds(60));
        String issuer = wallet.publicKey().toBase58();
        assertThat(js.callBifrost("nacl-verify", Map.of("token", token, "issuer", issuer)).get("valid").asBoolean())
                .isTrue();
        assertThat(js.callBifrost("nacl-verify", Map.of("token", tamperPayload(token), "issuer", issuer))
                .get("valid").asBoolean()).isFalse();
    }

    @Test
    void tokensSignedByJoseAreAcceptedUnderBothAlgorithmNames() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("created", "2025-04-28T08:50:41Z");
        payload.put("expiration", "2025-04-28T20:50:41Z");
        payload.put("issuer", wallet.publicKey().toBase58());
        payload.put("delegatedKey", app.publicKey().toBase58());
        payload.put("attributes", JSON.readTree(request.attributes().toJson()));
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            String token = js.callBifrost("jose-sign", Map.of("seed", HEX.formatHex(walletSeed), "alg", alg.jwsName(),
                    "payload", payload)).get("token").asText();
            Verification<DelegationToken> v = DelegationVerifier.withDefaults().verify(token, request, NOW);
            assertThat(v).as(alg.jwsName()).isInstanceOfSatisfying(Verification.Verified.class,
                    ok -> assertThat(((DelegationToken) ok.value()).algorithm()).isEqualTo(alg));
        }
    }

    @Test
    void ourBase58AgreesWithBs58() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        Random seeded = new Random(58);
        List<String> hex = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[i < 5 ? i : 1 + seeded.nextInt(80)];
            seeded.nextBytes(bytes);
            for (int z = seeded.nextInt(3); z > 0 && z <= bytes.length; z--) {
                bytes[z - 1] = 0;
            }
            hex.add(HEX.formatHex(bytes));
            ours.add(Base58.encode(bytes));
        }
        JsonNode theirs = js.callBifrost("bs58", Map.of("hex", hex, "texts", ours));
        for (int i = 0; i < hex.size(); i++) {
            assertThat(theirs.get("encoded").get(i).asText()).as(hex.get(i)).isEqualTo(ours.get(i));
            assertThat(theirs.get("decoded").get(i).asText()).as(ours.get(i)).isEqualTo(hex.get(i));
        }
    }

    private DelegationRequest session() {
        try {
            Attributes asked = Attributes.parse("""
                    {"name": "Test Application", "permissions": {"scopes": ["read:meter"],
                     "resources": {"sites": ["site-1"]}, "expires_in": 43200}}""");
            return Session.open(app.publicKey(), asked, NOW, Session.DEFAULT_LIFETIME, random).session().request();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] randomSeed() {
        byte[] seed = new byte[Ed25519KeyPair.SEED_LENGTH];
        random.nextBytes(seed);
        return seed;
    }

    /** The same token with one claim changed in the payload, the signature left as it was. */
    private static String tamperPayload(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replace("Test Application", "Test Applicatiom");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }
}
