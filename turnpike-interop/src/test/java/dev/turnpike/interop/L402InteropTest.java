package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.RevocationCheck;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.node.InvoiceRequest;
import dev.turnpike.lightning.node.PaymentLimits;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our macaroons and challenges against the npm libraries {@code macaroon} (the js-macaroon that
 * lsat-js builds on) and {@code lsat-js}: tokens minted on the embedded node, paid by a dev wallet.
 */
class L402InteropTest {

    private static final HexFormat HEX = HexFormat.of();

    private final Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private EmbeddedNode node;
    private Minter minter;
    private L402Verifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().random(random).build();
        minter = Minter.builder()
                .challenger((price, memo) -> {
                    try {
                        var inv = node.createInvoice(new InvoiceRequest(price.msat(), memo, Duration.ofMinutes(10)));
                        return new dev.turnpike.l402.Invoice(inv.bolt11(), PaymentHash.of(inv.paymentHash().bytes()));
                    } catch (Exception e) {
                        throw new dev.turnpike.l402.StoreException("invoice failed", e);
                    }
                })
                .rootKeyWriter(rootKeys::put)
                .random(random)
                .clock(Clock.systemUTC())
                .build();
        verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(RevocationCheck.none())
                .clock(Clock.systemUTC())
                .build();
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private Challenge mint() throws Exception {
        return minter.mint(ServiceSpec.builder("quotes")
                .price(Price.sats(10))
                .capabilities("read", "list")
                .lifetime(Duration.ofHours(1))
                .build());
    }

    private Preimage pay(String invoice) throws Exception {
        WalletCredentials wallet = node.createWallet();
        node.fund(wallet.walletId(), 1_000_000);
        return Preimage.of(node.payer(wallet.walletId()).pay(invoice, new PaymentLimits(100_000, 0)).preimage().bytes());
    }

    private RootKey rootKeyOf(Macaroon m) {
        return rootKeys.get(RootKeyId.ofIdentifierBytes(m.identifier()));
    }

    @Test
    void jsMacaroonVerifiesOurMacaroonWithTheRootKeyAndExportsTheSameBytes() throws Exception {
        Macaroon m = mint().macaroon();
        JsonNode r = NodeLibraries.get().call("macaroon-verify", Map.of(
                "macaroon", MacaroonCodec.encodeBase64(m),
                "rootKey", HEX.formatHex(rootKeyOf(m).toByteArray())));
        assertThat(r.get("version").asInt()).isEqualTo(2);
        assertThat(r.get("location").asText()).isEqualTo("lsat");
        assertThat(r.get("identifier").asText()).isEqualTo(HEX.formatHex(m.identifier()));
        assertThat(r.get("signature").asText()).isEqualTo(HEX.formatHex(m.signature()));
        assertThat(r.get("caveats").toString()).isEqualTo(
                "[\"services=quotes:0\",\"quotes_capabilities=read,list\",\"" + m.caveats().get(2).idAsString() + "\"]");
        assertThat(r.get("exported").asText()).isEqualTo(MacaroonCodec.encodeBase64(m));
    }

    @Test
    void jsMacaroonRefusesOurMacaroonUnderAnotherRootKey() throws Exception {
        Macaroon m = mint().macaroon();
        assertThatThrownBy(() -> NodeLibraries.get().call("macaroon-verify", Map.of(
                        "macaroon", MacaroonCodec.encodeBase64(m), "rootKey", "11".repeat(32))))
                .isInstanceOf(NodeLibraries.LibraryRejected.class)
                .hasMessageContaining("signature mismatch");
    }

    @Test
    void aMacaroonMintedByJsMacaroonIsAcceptedByOurVerifier() throws Exception {
        RootKey rootKey = RootKey.generate(random);
        Preimage preimage = Preimage.of(randomBytes(32));
        L402Identifier id = L402Identifier.of(preimage.paymentHash(), TokenId.random(random));
        rootKeys.put(id.rootKeyId(), rootKey);
        JsonNode r = NodeLibraries.get().call("macaroon-new", Map.of(
                "identifier", HEX.formatHex(id.encode()),
                "location", "lsat",
                "rootKey", HEX.formatHex(rootKey.toByteArray()),
                "caveats", List.of("services=quotes:0", "quotes_valid_until=" + (System.currentTimeMillis() / 1000 + 600))));
        Macaroon theirs = MacaroonCodec.decodeBase64(r.get("macaroon").asText());
        assertThat(theirs.verifySignature(rootKey)).isTrue();
        VerificationResult result = verifier.verify(new Credential(theirs, preimage), RequestContext.forService("quotes"));
        assertThat(result).isInstanceOf(VerificationResult.Valid.class);
    }

    @Test
    void lsatJsBuildsFromOurChallengeATokenThatOurVerifierAccepts() throws Exception {
        Challenge challenge = mint();
        String lsatHeader = L402Headers.challengeValues(challenge).get(0);
        Preimage preimage = pay(challenge.invoice());
        L402Identifier id = L402Identifier.decode(challenge.macaroon().identifier());

        JsonNode r = NodeLibraries.get().call("lsat-token", Map.of("challenge", lsatHeader, "preimage", preimage.toHex()));
        assertThat(r.get("paymentHash").asText()).isEqualTo(id.paymentHash().toHex());
        assertThat(r.get("tokenId").asText()).isEqualTo(id.tokenId().toHex());
        assertThat(r.get("invoiceAmountSats").asLong()).isEqualTo(10);
        assertThat(r.get("satisfied").asBoolean()).isTrue();

        String token = r.get("token").asText();
        assertThat(token).startsWith("LSAT ");
        ParseResult<Credential> parsed = L402Headers.parseCredential(Map.of("Authorization", List.of(token)));
        assertThat(parsed).isInstanceOf(ParseResult.Ok.class);
        Credential credential = ((ParseResult.Ok<Credential>) parsed).value();
        assertThat(verifier.verify(credential, RequestContext.forService("quotes").requiringCapability("read")))
                .isInstanceOf(VerificationResult.Valid.class);
    }

    @Test
    void lsatJsRefusesAPreimageThatDoesNotMatchOurInvoice() throws Exception {
        Challenge challenge = mint();
        String lsatHeader = L402Headers.challengeValues(challenge).get(0);
        assertThatThrownBy(() -> NodeLibraries.get().call("lsat-token",
                        Map.of("challenge", lsatHeader, "preimage", "00".repeat(32))))
                .isInstanceOf(NodeLibraries.LibraryRejected.class)
                .hasMessageContaining("did not match");
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
