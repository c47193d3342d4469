package dev.turnpike.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real aperture-minted macaroon and the invoice aperture issued with it (from lsat-js's test
 * data): our macaroon decoder and our BOLT11 decoder agree that they belong together.
 */
class ApertureVectorTest {

    @Test
    void theMacaroonsPaymentHashIsTheInvoicesPaymentHash() throws Exception {
        Map<String, String> v = load("aperture-vector.txt");
        L402Identifier id = L402Identifier.decode(MacaroonCodec.decodeBase64(v.get("macaroon")).identifier());
        Bolt11Invoice invoice = Bolt11Invoice.decode(v.get("invoice"));
        assertThat(id.paymentHash().toHex()).isEqualTo(v.get("payment_hash"));
        assertThat(java.util.HexFormat.of().formatHex(invoice.paymentHash().bytes())).isEqualTo(v.get("payment_hash"));
    }

    private static Map<String, String> load(String resource) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (InputStream in = ApertureVectorTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).strip());
                }
            }
        }
        return out;
    }
}
