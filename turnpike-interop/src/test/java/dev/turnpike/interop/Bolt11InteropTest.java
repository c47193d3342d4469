package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The npm {@code bolt11} library decodes the embedded node's invoices and recovers the node's key. */
class Bolt11InteropTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void decodesEmbeddedNodeInvoicesOnEveryAmountScale() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        try (EmbeddedNode node = EmbeddedNode.builder().build()) {
            for (long msat : new long[] {1, 10, 999, 1_000, 10_000, 2_500_000, 123_456_789_000L}) {
                Invoice invoice = node.createInvoice(new InvoiceRequest(msat, "L402 token for quotes", Duration.ofMinutes(10)));
                JsonNode d = js.call("bolt11-decode", Map.of("invoice", invoice.bolt11()));
                assertThat(d.get("network").asText()).isEqualTo("bcrt");
                assertThat(d.get("millisatoshis").asText()).as("amount").isEqualTo(Long.toString(msat));
                assertThat(d.get("payeeNodeKey").asText()).isEqualTo(node.nodeId().toHex());
                assertThat(d.get("paymentHash").asText()).isEqualTo(invoice.paymentHash().toHex());
                assertThat(d.get("description").asText()).isEqualTo("L402 token for quotes");
                assertThat(d.get("expireTime").asLong()).isEqualTo(600);
                Bolt11Invoice ours = Bolt11Invoice.decode(invoice.bolt11());
                assertThat(d.get("signature").asText()).isEqualTo(HEX.formatHex(ours.signature().compact()));
                assertThat(d.get("recoveryFlag").asInt()).isEqualTo(ours.signature().recoveryId());
                assertThat(d.get("paymentSecret").asText()).isEqualTo(HEX.formatHex(ours.paymentSecret()));
            }
        }
    }

    @Test
    void decodesMainnetInvoicesWithUnicodeDescriptionsAndAPayeeField() {
        NodeLibraries js = NodeLibraries.get();
        PrivateKey key = PrivateKey.generate(new SecureRandom());
        Bolt11Invoice invoice = Bolt11Invoice.builder(Network.BITCOIN)
                .amountMsat(250_000)
                .timestamp(Instant.parse("2026-11-22T00:00:00Z"))
                .paymentHash(PaymentHash.of(new byte[32]))
                .paymentSecret(new byte[32])
                .description("ナンセンス 1杯 ☕")
                .payee(key.publicKey())
                .sign(key);
        JsonNode d = js.call("bolt11-decode", Map.of("invoice", invoice.encoded()));
        assertThat(d.get("network").asText()).isEqualTo("bc");
        assertThat(d.get("description").asText()).isEqualTo("ナンセンス 1杯 ☕");
        assertThat(d.get("payeeNodeKey").asText()).isEqualTo(key.publicKey().toHex());
        assertThat(d.get("timestamp").asLong()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z").getEpochSecond());
    }

    @Test
    void theLibraryRejectsAnInvoiceWithABrokenChecksum() throws Exception {
        NodeLibraries js = NodeLibraries.get();
        try (EmbeddedNode node = EmbeddedNode.builder().build()) {
            String bolt11 = node.createInvoice(new InvoiceRequest(1000, "x", Duration.ofMinutes(1))).bolt11();
            char last = bolt11.charAt(bolt11.length() - 1);
            String broken = bolt11.substring(0, bolt11.length() - 1) + (last == 'q' ? 'p' : 'q');
            assertThatThrownBy(() -> js.call("bolt11-decode", Map.of("invoice", broken)))
                    .isInstanceOf(NodeLibraries.LibraryRejected.class);
        }
    }
}
