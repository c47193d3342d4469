package dev.turnpike.bifrost.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.TestData;
import dev.turnpike.bifrost.encoding.Base58;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void rfc8032VectorsDeriveSignAndVerify() throws Exception {
        var vectors = TestData.lines("rfc8032-ed25519-vectors.txt");
        assertThat(vectors).hasSize(5);
        for (String line : vectors) {
            String[] f = line.split(" ");
            byte[] message = f[3].equals("-") ? new byte[0] : HEX.parseHex(f[3]);
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(HEX.parseHex(f[1]));
            assertThat(HEX.formatHex(pair.publicKey().toBytes())).as(f[0]).isEqualTo(f[2]);
            assertThat(HEX.formatHex(pair.sign(message))).as(f[0]).isEqualTo(f[4]);
            Ed25519PublicKey key = Ed25519PublicKey.fromBytes(HEX.parseHex(f[2]));
            assertThat(key.verify(message, HEX.parseHex(f[4]))).as(f[0]).isTrue();
            byte[] tampered = HEX.parseHex(f[4]);
            tampered[10] ^= 1;
            assertThat(key.verify(message, tampered)).as(f[0]).isFalse();
            assertThat(key.verify(Arrays.copyOf(message, message.length + 1), HEX.parseHex(f[4]))).isFalse();
        }
    }

    @Test
    void refusesANonCanonicalSSoSignaturesCannotBeMalleated() {
        Ed25519KeyPair pair = TestData.keyPair(1);
        byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] signature = pair.sign(message);
        BigInteger s = new BigInteger(1, reverse(Arrays.copyOfRange(signature, 32, 64)));
        byte[] malleated = signature.clone();
        System.arraycopy(reverse(toFixed(s.add(L), 32)), 0, malleated, 32, 32);
        assertThat(pair.publicKey().verify(message, signature)).isTrue();
        assertThat(pair.publicKey().verify(message, malleated)).isFalse();
        assertThat(pair.publicKey().verify(message, Arrays.copyOf(signature, 63))).isFalse();
    }

    @Test
    void refusesKeysOfTheWrongLength() {
        assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(new byte[31])).isInstanceOf(KeyFormatException.class)
                .hasMessage("an Ed25519 public key has 32 bytes, not 31");
        assertThatThrownBy(() -> Ed25519PublicKey.fromBase58(Base58.encode(new byte[33])))
                .hasMessage("an Ed25519 public key has 32 bytes, not 33");
    }

    @Test
    void refusesSmallOrderNonCanonicalAndOffCurvePoints() {
        String[] weak = {
            "0100000000000000000000000000000000000000000000000000000000000000", // identity, order 1
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
            "0000000000000000000000000000000000000000000000000000000000000000", // order 4
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p: not canonical
            HEX.formatHex(offCurveEncoding()),
        };
        for (String hex : weak) {
            assertThatThrownBy(() -> Ed25519PublicKey.fromBytes(HEX.parseHex(hex))).as(hex)
                    .isInstanceOf(KeyFormatException.class).hasMessageContaining("not a valid Ed25519 public key");
        }
    }

    @Test
    void acceptsTheKeysOfRealKeyPairs() throws Exception {
        for (int i = 0; i < 50; i++) {
            Ed25519PublicKey key = Ed25519KeyPair.generate(TestData.seededRandom(i)).publicKey();
            assertThat(Ed25519PublicKey.fromBytes(key.toBytes())).isEqualTo(key);
        }
    }

    @Test
    void base58IsTheTextForm() throws Exception {
        Ed25519PublicKey key = Ed25519KeyPair.fromSeed(HEX.parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")).publicKey();
        assertThat(key.toBase58()).isEqualTo(Base58.encode(key.toBytes())).isEqualTo(key.toString());
        assertThat(Ed25519PublicKey.fromBase58(key.toBase58())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThatThrownBy(() -> Ed25519PublicKey.fromBase58(key.toBase58() + " "))
                .isInstanceOf(KeyFormatException.class).hasMessageStartingWith("public key is not base58: invalid");
        assertThatThrownBy(() -> Ed25519PublicKey.fromBase58("0OIl")).hasMessageContaining("not base58");
    }

    @Test
    void fingerprintIsTheFirstEightBytesOfSha256() throws Exception {
        Ed25519PublicKey key = TestData.keyPair(7).publicKey();
        String expected = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.toBytes())).substring(0, 16);
        assertThat(key.fingerprint()).isEqualTo(expected);
        assertThat(TestData.keyPair(8).publicKey().fingerprint()).isNotEqualTo(expected);
    }

    @Test
    void generatedKeyPairsDependOnTheRandomnessOnly() {
        assertThat(Ed25519KeyPair.generate(TestData.seededRandom(3)).publicKey())
                .isEqualTo(Ed25519KeyPair.generate(TestData.seededRandom(3)).publicKey())
                .isNotEqualTo(Ed25519KeyPair.generate(TestData.seededRandom(4)).publicKey());
    }

    @Test
    void theSeedIsOnlyLentAndNeverPrinted() {
        byte[] seed = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
        seed[0] ^= 1; // the pair kept a copy
        AtomicReference<byte[]> lent = new AtomicReference<>();
        pair.exportSeed(s -> {
            assertThat(HEX.formatHex(s)).isEqualTo("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
            lent.set(s);
        });
        assertThat(lent.get()).containsOnly(0);
        seed[0] ^= 1;
        assertThat(pair.toString()).contains(pair.publicKey().toBase58()).contains("redacted")
                .doesNotContain(HEX.formatHex(seed)).doesNotContain(Base58.encode(seed))
                .doesNotContain(Base64.getEncoder().encodeToString(seed).substring(0, 20));
        assertThatThrownBy(() -> Ed25519KeyPair.fromSeed(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an Ed25519 seed has 32 bytes, not 31");
    }

    /** y = the smallest y >= 2 with (y^2 - 1) / (d y^2 + 1) not a square mod p: no x exists, so no point. */
    private static byte[] offCurveEncoding() {
        BigInteger d = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
        for (BigInteger y = BigInteger.TWO; ; y = y.add(BigInteger.ONE)) {
            BigInteger y2 = y.multiply(y);
            BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(d.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
            if (x2.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(P.subtract(BigInteger.ONE))) {
                return reverse(toFixed(y, 32));
            }
        }
    }

    private static byte[] toFixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return out;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
