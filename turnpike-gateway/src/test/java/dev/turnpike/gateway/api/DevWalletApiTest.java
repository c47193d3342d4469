package dev.turnpike.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.devnode.EmbeddedDevWallets;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.devnode.WalletCredentials;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dev wallet API answers as LNbits 1.x does for the subset it serves. */
class DevWalletApiTest {

    private EmbeddedNode node;
    private DevWalletApi api;
    private WalletCredentials wallet;

    @BeforeEach
    void setUp() throws Exception {
        node = EmbeddedNode.builder().build();
        api = new DevWalletApi(new EmbeddedDevWallets(node), "/devwallet");
        wallet = node.createWallet();
        node.fund(wallet.walletId(), 50_000);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private ApiResponse call(String method, String path, String key, String body) throws Exception {
        Map<String, String> headers = key == null ? Map.of() : Map.of("x-api-key", key);
        return api.handle(new ApiRequest(method, path, Map.of(), n -> headers.get(n.toLowerCase()),
                body.getBytes(StandardCharsets.UTF_8), java.net.InetAddress.getLoopbackAddress(), "http"));
    }

    private static JsonNode json(ApiResponse r) throws Exception {
        return ApiResponse.JSON.readTree(r.body());
    }

    private String key() {
        return wallet.apiKey().reveal();
    }

    @Test
    void paysAnInvoiceAndAnswersWithThePaymentAndItsPreimage() throws Exception {
        Invoice invoice = node.createInvoice(new InvoiceRequest(10_000, "quotes", Duration.ofMinutes(10)));
        ApiResponse r = call("POST", "/api/v1/payments", key(),
                "{\"out\": true, \"bolt11\": \"" + invoice.bolt11() + "\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode j = json(r);
        assertThat(j.get("payment_hash").asText()).isEqualTo(invoice.paymentHash().toHex());
        assertThat(j.get("amount").asLong()).isEqualTo(-10_000);
        assertThat(j.get("status").asText()).isEqualTo("success");
        assertThat(dev.turnpike.lightning.crypto.Preimage.fromHex(j.get("preimage").asText())
                .matches(invoice.paymentHash())).isTrue();

        JsonNode status = json(call("GET", "/api/v1/payments/" + invoice.paymentHash().toHex(), key(), ""));
        assertThat(status.get("paid").asBoolean()).isTrue();
        assertThat(status.get("preimage").asText()).isEqualTo(j.get("preimage").asText());

        JsonNode balance = json(call("GET", "/api/v1/wallet", key(), ""));
        assertThat(balance.get("balance").asLong()).isEqualTo(40_000);
    }

    @Test
    void refusalsUseLnbitsStatusCodesAndTexts() throws Exception {
        Invoice big = node.createInvoice(new InvoiceRequest(60_000, "too much", Duration.ofMinutes(10)));
        ApiResponse poor = call("POST", "/api/v1/payments", key(), "{\"out\": true, \"bolt11\": \"" + big.bolt11() + "\"}");
        assertThat(poor.status()).isEqualTo(520);
        assertThat(json(poor).get("detail").asText()).isEqualTo("Insufficient balance.");
        assertThat(json(poor).get("status").asText()).isEqualTo("failed");

        assertThat(call("POST", "/api/v1/payments", null, "{}").status()).isEqualTo(401);
        ApiResponse unknownKey = call("POST", "/api/v1/payments", "tpk_" + "0".repeat(43), "{}");
        assertThat(unknownKey.status()).isEqualTo(404);
        assertThat(json(unknownKey).get("detail").asText()).isEqualTo("Wallet not found.");
        assertThat(call("POST", "/api/v1/payments", key(), "not json").status()).isEqualTo(400);
        assertThat(json(call("POST", "/api/v1/payments", key(), "{\"out\": true}")).get("detail").asText())
                .isEqualTo("Missing BOLT11 invoice");
        assertThat(call("POST", "/api/v1/payments", key(), "{\"out\": false, \"amount\": 5}").status()).isEqualTo(400);
        ApiResponse garbage = call("POST", "/api/v1/payments", key(), "{\"out\": true, \"bolt11\": \"lnbc1xyz\"}");
        assertThat(garbage.status()).isEqualTo(520);
        assertThat(json(garbage).get("detail").asText()).isEqualTo("Bolt11 decoding failed.");
        assertThat(call("GET", "/api/v1/payments/" + "ab".repeat(32), key(), "").status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/payments", key(), "").status()).isEqualTo(405);
        assertThat(call("GET", "/api/v2/nothing", key(), "").status()).isEqualTo(404);
    }

    @Test
    void aWalletCannotReadAnotherWalletsPayment() throws Exception {
        Invoice invoice = node.createInvoice(new InvoiceRequest(1_000, "mine", Duration.ofMinutes(10)));
        call("POST", "/api/v1/payments", key(), "{\"out\": true, \"bolt11\": \"" + invoice.bolt11() + "\"}");
        WalletCredentials other = node.createWallet();
        assertThat(call("GET", "/api/v1/payments/" + invoice.paymentHash().toHex(), other.apiKey().reveal(), "")
                .status()).isEqualTo(404);
    }
}
