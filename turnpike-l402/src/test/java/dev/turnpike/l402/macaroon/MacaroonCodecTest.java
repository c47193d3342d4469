package dev.turnpike.l402.macaroon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MacaroonCodecTest {
    static final RootKey KEY = RootKey.of("k".repeat(32).getBytes(StandardCharsets.US_ASCII));

    static Macaroon sample() {
        return Macaroon.create(KEY, "id".getBytes(StandardCharsets.US_ASCII), "loc")
                .addFirstPartyCaveat("a=1")
                .addFirstPartyCaveat("b=2");
    }

    private static void rejects(byte[] data, String messagePart) {
        assertThatThrownBy(() -> MacaroonCodec.decode(data))
                .isInstanceOf(MacaroonFormatException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void roundTrip() throws Exception {
        Macaroon m = sample();
        byte[] enc = MacaroonCodec.encode(m);
        Macaroon d = MacaroonCodec.decode(enc);
        assertThat(d).isEqualTo(m);
        assertThat(d.verifySignature(KEY)).isTrue();
        assertThat(MacaroonCodec.decodeHex(MacaroonCodec.encodeHex(m))).isEqualTo(m);
        assertThat(MacaroonCodec.decodeHex(MacaroonCodec.encodeHex(m).toUpperCase())).isEqualTo(m);
    }

    @Test
    void layoutIsExactlyGoMacaroons() {
        byte[] enc = MacaroonCodec.encode(sample());
        ByteArrayOutputStream exp = new ByteArrayOutputStream();
        exp.writeBytes(new byte[] {2, 1, 3, 'l', 'o', 'c', 2, 2, 'i', 'd', 0});
        exp.writeBytes(new byte[] {2, 3, 'a', '=', '1', 0});
        exp.writeBytes(new byte[] {2, 3, 'b', '=', '2', 0});
        exp.writeBytes(new byte[] {0, 6, 32});
        exp.writeBytes(sample().signature());
        assertThat(enc).isEqualTo(exp.toByteArray());
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] enc = MacaroonCodec.encode(sample());
        rejects(Arrays.copyOf(enc, enc.length + 1), "trailing");
        byte[] withEos = Arrays.copyOf(enc, enc.length + 1); // an EOS after the signature
        rejects(withEos, "trailing");
    }

    @Test
    void rejectsTruncation() {
        byte[] enc = MacaroonCodec.encode(sample());
        for (int i = 0; i < enc.length; i++) {
            byte[] t = Arrays.copyOf(enc, i);
            assertThatThrownBy(() -> MacaroonCodec.decode(t)).isInstanceOf(MacaroonFormatException.class);
        }
    }

    @Test
    void rejectsUnknownAndOutOfOrderFields() {
        rejects(new byte[] {2, 3, 1, 'x', 0}, "unknown field");
        rejects(new byte[] {2, 2, 1, 'x', 1, 1, 'y', 0}, "out of order");
        rejects(new byte[] {2, 2, 1, 'x', 2, 1, 'y', 0}, "out of order");
        rejects(new byte[] {2, 1, 1, 'l', 0}, "invalid macaroon header");
        rejects(new byte[] {2, 2, 1, 'x', 4, 1, 'v', 0}, "invalid macaroon header");
        rejects(new byte[] {2, 2, 1, 'x', 0, 2, 1, 'c', 6, 1, 's', 0}, "unexpected field");
    }

    @Test
    void rejectsWrongVersionAndEmptyInput() {
        rejects(new byte[0], "empty");
        rejects(new byte[] {1, 2, 3}, "unknown macaroon format");
        rejects(new byte[] {(byte) 0xff}, "unknown macaroon format");
    }

    @Test
    void rejectsLocationOnFirstPartyCaveatAndEmptyOptionalFields() {
        rejects(new byte[] {2, 2, 1, 'x', 0, 1, 1, 'l', 2, 1, 'c', 0}, "location not allowed");
        rejects(new byte[] {2, 1, 0, 2, 1, 'x', 0}, "empty location");
        rejects(new byte[] {2, 2, 1, 'x', 0, 2, 1, 'c', 4, 0, 0}, "empty verification id");
    }

    @Test
    void rejectsBadSignatureLength() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {2, 2, 1, 'x', 0, 0, 6, 31});
        o.writeBytes(new byte[31]);
        rejects(o.toByteArray(), "signature has unexpected length");
    }

    @Test
    void rejectsOversizedLengthsAndNonMinimalVarints() {
        rejects(new byte[] {2, 2, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}, "varint out of range");
        rejects(new byte[] {2, 2, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f}, "past end");
        rejects(new byte[] {2, 2, (byte) 0xff, (byte) 0x7f, 'a'}, "past end");
        rejects(new byte[] {2, 2, (byte) 0x81, 0x00, 'x', 0}, "non-minimal");
        rejects(new byte[] {2, (byte) 0x82, 0x00, 1, 'x', 0}, "non-minimal");
        rejects(new byte[MacaroonCodec.MAX_ENCODED_SIZE + 1], "larger than");
    }

    @Test
    void largeFieldsUseMultiByteVarints() throws Exception {
        byte[] id = new byte[300];
        Arrays.fill(id, (byte) 'z');
        Macaroon m = Macaroon.create(KEY, id, "");
        byte[] enc = MacaroonCodec.encode(m);
        assertThat(enc[2] & 0xff).isEqualTo(0x80 | (300 & 0x7f));
        assertThat(enc[3]).isEqualTo((byte) (300 >>> 7));
        assertThat(MacaroonCodec.decode(enc)).isEqualTo(m);
    }

    @Test
    void caveatCountIsBounded() throws Exception {
        Macaroon m = Macaroon.create(KEY, new byte[] {1}, "");
        for (int i = 0; i < Macaroon.MAX_CAVEATS; i++) {
            m = m.addFirstPartyCaveat("c=" + i);
        }
        assertThat(MacaroonCodec.decode(MacaroonCodec.encode(m)).caveats()).hasSize(Macaroon.MAX_CAVEATS);
        Macaroon full = m;
        assertThatThrownBy(() -> full.addFirstPartyCaveat("one=more")).isInstanceOf(IllegalStateException.class);
        // hand-build 129 caveats
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {2, 2, 1, 'x', 0});
        for (int i = 0; i <= Macaroon.MAX_CAVEATS; i++) {
            o.writeBytes(new byte[] {2, 1, 'c', 0});
        }
        o.writeBytes(new byte[] {0, 6, 32});
        o.writeBytes(new byte[32]);
        rejects(o.toByteArray(), "too many caveats");
    }

    @Test
    void base64AcceptsBothAlphabetsWithOrWithoutPadding() throws Exception {
        // choose a macaroon whose encoding contains '+' or '/' in std base64
        Macaroon m = null;
        for (int i = 0; m == null; i++) {
            Macaroon c = sample().addFirstPartyCaveat("n=" + i);
            String s = MacaroonCodec.encodeBase64(c);
            if ((s.contains("+") || s.contains("/")) && s.endsWith("=")) {
                m = c;
            }
        }
        byte[] bytes = MacaroonCodec.encode(m);
        String std = Base64.getEncoder().encodeToString(bytes);
        String stdRaw = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        String url = Base64.getUrlEncoder().encodeToString(bytes);
        String urlRaw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        for (String s : new String[] {std, stdRaw, url, urlRaw}) {
            assertThat(MacaroonCodec.decodeBase64(s)).as(s).isEqualTo(m);
        }
        assertThatThrownBy(() -> MacaroonCodec.decodeBase64Bytes("AB+_")).isInstanceOf(MacaroonFormatException.class);
        assertThat(MacaroonCodec.decodeBase64Bytes("AB+/")).hasSize(3);
        assertThat(MacaroonCodec.decodeBase64Bytes("AB-_")).hasSize(3);
        assertThatThrownBy(() -> MacaroonCodec.decodeBase64(std + "=")).isInstanceOf(MacaroonFormatException.class);
        assertThatThrownBy(() -> MacaroonCodec.decodeBase64(" " + std)).isInstanceOf(MacaroonFormatException.class);
        assertThatThrownBy(() -> MacaroonCodec.decodeBase64("")).isInstanceOf(MacaroonFormatException.class);
        assertThatThrownBy(() -> MacaroonCodec.decodeBase64("A")).isInstanceOf(MacaroonFormatException.class);
        assertThatThrownBy(() -> MacaroonCodec.decodeBase64("A".repeat(MacaroonCodec.MAX_BASE64_LENGTH + 4)))
                .isInstanceOf(MacaroonFormatException.class);
    }

    @Test
    void v1RejectsMalformedPackets() {
        String good = "0021location http://example.org/\n0015identifier keyid\n";
        byte[] sig = new byte[32];
        rejects(ascii(good), "too short");
        rejects(ascii("0021locatioX http://example.org/\n"), "expected location");
        rejects(ascii("zz21location http://example.org/\n"), "unknown macaroon format");
        rejects(ascii("0fff" + "location x\n"), "bad V1 packet size");
        rejects(ascii("0010location abc"), "newline");
        rejects(concat(ascii(good + pkt("vid", "abc")), sigPacket(sig)), "misplaced vid");
        rejects(concat(ascii(good + pkt("cl", "abc")), sigPacket(sig)), "misplaced cl");
        rejects(concat(ascii(good + pkt("cid", "a=b") + pkt("cl", "abc")), sigPacket(sig)), "location not allowed");
        rejects(concat(ascii(good), sigPacket(new byte[31])), "signature has unexpected length");
        rejects(concat(concat(ascii(good), sigPacket(sig)), new byte[] {'x'}), "trailing");
        rejects(concat(ascii(good + pkt("foo", "bar")), sigPacket(sig)), "unexpected V1 field");
    }

    @Test
    void v1DecodesThirdPartyCaveats() throws Exception {
        String p = "0021location http://example.org/\n0015identifier keyid\n" + pkt("cid", "a=b") + pkt("cid", "third")
                + pkt("vid", "xyz") + pkt("cl", "there");
        Macaroon m = MacaroonCodec.decode(concat(ascii(p), sigPacket(new byte[32])));
        assertThat(m.caveats()).hasSize(2);
        assertThat(m.caveats().get(0).isFirstParty()).isTrue();
        assertThat(m.caveats().get(1).location()).isEqualTo("there");
        assertThat(new String(m.caveats().get(1).verificationId(), StandardCharsets.US_ASCII)).isEqualTo("xyz");
    }

    static String pkt(String name, String data) {
        return String.format("%04x", 4 + name.length() + 1 + data.length() + 1) + name + " " + data + "\n";
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] sigPacket(byte[] sig) {
        int len = 4 + "signature".length() + 1 + sig.length + 1;
        return concat(concat(ascii(String.format("%04x", len) + "signature "), sig), new byte[] {'\n'});
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void toStringRedactsSignatureAndKey() {
        assertThat(sample().toString()).contains("redacted").contains("a=1");
        assertThat(KEY.toString()).isEqualTo("RootKey[redacted]").doesNotContain("k");
    }

    @Test
    void rootKeyBounds() {
        assertThatThrownBy(() -> RootKey.of(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RootKey.of(new byte[RootKey.MAX_SIZE + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThat(RootKey.generate(new java.security.SecureRandom()).length()).isEqualTo(32);
    }

    @Test
    void accessorsReturnCopies() {
        Macaroon m = sample();
        m.identifier()[0] = 'X';
        m.signature()[0] ^= 1;
        assertThat(m.identifier()[0]).isEqualTo((byte) 'i');
        assertThat(m.verifySignature(KEY)).isTrue();
    }
}
