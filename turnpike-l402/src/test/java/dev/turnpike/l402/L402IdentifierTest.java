package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class L402IdentifierTest {
    static byte[] filled(int b) {
        byte[] a = new byte[32];
        Arrays.fill(a, (byte) b);
        return a;
    }

    @Test
    void encodesVersionHashAndTokenId() throws Exception {
        L402Identifier id = L402Identifier.of(PaymentHash.of(filled(0xee)), TokenId.of(filled(0xff)));
        byte[] enc = id.encode();
        assertThat(enc).hasSize(66);
        assertThat(HexFormat.of().formatHex(enc)).isEqualTo("0000" + "ee".repeat(32) + "ff".repeat(32));
        assertThat(L402Identifier.decode(enc)).isEqualTo(id);
    }

    @Test
    void rejectsUnknownVersionsAndWrongLengths() {
        byte[] enc = L402Identifier.of(PaymentHash.of(filled(1)), TokenId.of(filled(2))).encode();
        for (int v : new int[] {1, 2, 0x0100, 0xffff}) {
            byte[] b = enc.clone();
            b[0] = (byte) (v >>> 8);
            b[1] = (byte) v;
            assertThatThrownBy(() -> L402Identifier.decode(b)).isInstanceOfSatisfying(IdentifierFormatException.class,
                    e -> assertThat(e.unknownVersion()).isTrue());
        }
        for (int len : new int[] {0, 1, 2, 34, 65, 67, 100}) {
            byte[] b = Arrays.copyOf(enc, len);
            assertThatThrownBy(() -> L402Identifier.decode(b)).isInstanceOfSatisfying(IdentifierFormatException.class,
                    e -> assertThat(e.unknownVersion()).isFalse());
        }
        assertThatThrownBy(() -> new L402Identifier(1, PaymentHash.of(filled(1)), TokenId.of(filled(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootKeyIdIsSha256OfEncodedIdentifier() throws Exception {
        L402Identifier id = L402Identifier.of(PaymentHash.of(filled(0xee)), TokenId.of(filled(0xff)));
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(id.encode());
        assertThat(id.rootKeyId().toByteArray()).isEqualTo(expected);
        assertThat(RootKeyId.ofIdentifierBytes(id.encode())).isEqualTo(id.rootKeyId());
    }

    @Test
    void preimageHashesToPaymentHashAndIsRedacted() {
        Preimage p = Preimage.fromHex("00".repeat(32));
        // sha256 of 32 zero bytes
        assertThat(p.paymentHash().toHex()).isEqualTo("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
        assertThat(p.matches(p.paymentHash())).isTrue();
        assertThat(p.matches(PaymentHash.of(filled(0)))).isFalse();
        assertThat(p.toString()).isEqualTo("Preimage[redacted]");
        assertThat(Preimage.fromHex("AB".repeat(32))).isEqualTo(Preimage.fromHex("ab".repeat(32)));
        assertThatThrownBy(() -> Preimage.fromHex("ab".repeat(31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Preimage.fromHex("zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Preimage.fromHex("\uff10".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }
}
