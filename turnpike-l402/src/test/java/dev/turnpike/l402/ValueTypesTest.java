package dev.turnpike.l402;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The 32-byte value types: copying, hex, error messages, equality only within one type, redaction of Preimage. */
class ValueTypesTest {
    static final byte[] B = L402IdentifierTest.filled(0xab);
    static final String HEX = "ab".repeat(32);

    @Test
    void publicValuesCopyInAndOutAndShowHex() {
        byte[] in = B.clone();
        PaymentHash h = PaymentHash.of(in);
        TokenId t = TokenId.of(in);
        RootKeyId r = RootKeyId.fromHash(in);
        in[0] = 0;
        for (Object v : new Object[] {h, t, r}) {
            assertThat(v.toString()).isEqualTo(HEX);
            assertThat(v.hashCode()).isEqualTo(Arrays.hashCode(B));
        }
        assertThat(h.toHex()).isEqualTo(HEX);
        assertThat(t.toHex()).isEqualTo(HEX);
        assertThat(r.toHex()).isEqualTo(HEX);
        byte[] out = t.toByteArray();
        out[1] = 0;
        assertThat(t.toByteArray()).isEqualTo(B);
        assertThat(PaymentHash.fromHex(HEX.toUpperCase())).isEqualTo(h);
        assertThat(TokenId.fromHex(HEX)).isEqualTo(t).hasSameHashCodeAs(t);
        assertThat(TokenId.random(new SecureRandom()).toByteArray()).hasSize(32);
    }

    @Test
    void equalOnlyToTheSameTypeWithTheSameBytes() {
        Object[] sameBytes = {PaymentHash.of(B), TokenId.of(B), RootKeyId.fromHash(B), Preimage.of(B)};
        for (int i = 0; i < sameBytes.length; i++) {
            for (int j = 0; j < sameBytes.length; j++) {
                assertThat(sameBytes[i].equals(sameBytes[j])).as(i + " vs " + j).isEqualTo(i == j);
            }
            assertThat(sameBytes[i]).isNotEqualTo(null).isNotEqualTo(B);
        }
        assertThat(PaymentHash.of(B)).isNotEqualTo(PaymentHash.of(L402IdentifierTest.filled(1)));
        assertThat(RootKeyId.ofIdentifierBytes(B)).isEqualTo(RootKeyId.fromHash(Bytes32.sha256(B)));
    }

    @Test
    void preimageIsRedactedAndHashesToAConstant() {
        Preimage p = Preimage.of(B);
        assertThat(p.toString()).isEqualTo("Preimage[redacted]");
        assertThat(p.hashCode()).isEqualTo(Preimage.of(L402IdentifierTest.filled(1)).hashCode());
        assertThat(p.toHex()).isEqualTo(HEX);
        assertThat(p.toByteArray()).isEqualTo(B);
        assertThat(p.matches(p.paymentHash())).isTrue();
        assertThat(Preimage.parseOrNull(HEX)).isEqualTo(p);
        assertThat(Preimage.parseOrNull("ab")).isNull();
    }

    @Test
    void rejectionMessagesNameTheType() {
        byte[] shortArray = new byte[31];
        assertThatThrownBy(() -> PaymentHash.of(shortArray)).hasMessage("payment hash must be 32 bytes");
        assertThatThrownBy(() -> TokenId.of(null)).hasMessage("token id must be 32 bytes");
        assertThatThrownBy(() -> RootKeyId.fromHash(shortArray)).hasMessage("root key id must be 32 bytes");
        assertThatThrownBy(() -> Preimage.of(shortArray)).hasMessage("preimage must be 32 bytes");
        assertThatThrownBy(() -> PaymentHash.fromHex("zz")).hasMessage("payment hash must be 64 hex digits");
        assertThatThrownBy(() -> TokenId.fromHex(null)).hasMessage("token id must be 64 hex digits");
        assertThatThrownBy(() -> Preimage.fromHex(HEX + "0")).hasMessage("preimage must be 64 hex digits");
    }
}
