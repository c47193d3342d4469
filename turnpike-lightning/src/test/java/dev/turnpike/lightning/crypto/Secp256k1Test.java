package dev.turnpike.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Secp256k1Test {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * The well-known RFC 6979 secp256k1/SHA-256 vectors (bitcointalk topic 285142; also in Trezor's and
     * CoreBitcoin's tests): key, message, the low-S compact signature. The first one's raw s is high.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0000000000000000000000000000000000000000000000000000000000000001|Satoshi Nakamoto|934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d82442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5",
        "0000000000000000000000000000000000000000000000000000000000000001|All those moments will be lost in time, like tears in rain. Time to die...|8600dbd41e348fe5c9465ab92d23e3db8b98b873beecd930736488696438cb6b547fe64427496db33bf66019dacbf0039c04199abb0122918601db38a72cfc21",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140|Satoshi Nakamoto|fd567d121db66e382991534ada77a6bd3106f0a1098c231e47993447cd6af2d06b39cd0eb1bc8603e159ef5c20a5c8ad685a45b06ce9bebed3f153d10d93bed5",
        "f8b8af8ce3c7cca5e300d33939540c10d45ce001b8f252bfbc57ba0342904181|Alan Turing|7063ae83e7f62bbb171798131b4a0564b956930092b33b07b395615d9ec7e15c58dfcc1e00a35e1572f366ffe34ba0fc47db1e7189759b9fb233c5b05ab388ea",
        "cca9fbcc1b41e5a95d369eaa6ddcff73b61a4efaa279cfc6567e8daa39cbaf50|sample|af340daf02cc15c8d5d08d7735dfe6b98a474ed373bdb5fbecf7571be52b38425009fb27f37034a9b24b707b7c6b79ca23ddef9e25f7282e8a797efe53a8f124"
    })
    void signsTheRfc6979KnownAnswers(String key, String message, String expected) {
        PrivateKey privateKey = PrivateKey.fromBytes(HEX.parseHex(key));
        byte[] hash = Sha256.hash(message.getBytes(StandardCharsets.UTF_8));

        RecoverableSignature signature = privateKey.sign(hash);

        assertThat(HEX.formatHex(signature.compact())).isEqualTo(expected);
        assertThat(signature.isLowS()).isTrue();
        assertThat(privateKey.publicKey().verify(hash, signature)).isTrue();
        assertThat(signature.recoverPublicKey(hash)).contains(privateKey.publicKey());
    }

    @Test
    void theGeneratorIsThePublicKeyOfOne() {
        PrivateKey one = PrivateKey.fromBytes(HEX.parseHex("0000000000000000000000000000000000000000000000000000000000000001"));

        assertThat(one.publicKey().toHex()).isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    }

    @Test
    void recoversTheSignerFromEverySignatureAndOnlyWithTheRightRecoveryId() {
        Random seeds = new Random(11);
        for (int i = 0; i < 200; i++) {
            PrivateKey key = PrivateKey.generate(seeded(seeds.nextLong()));
            byte[] hash = new byte[32];
            seeds.nextBytes(hash);

            RecoverableSignature signature = key.sign(hash);

            assertThat(signature.isLowS()).isTrue();
            assertThat(signature.recoverPublicKey(hash)).contains(key.publicKey());
            RecoverableSignature wrongId = RecoverableSignature.fromCompact(signature.compact(), signature.recoveryId() ^ 1);
            assertThat(wrongId.recoverPublicKey(hash)).isNotEqualTo(java.util.Optional.of(key.publicKey()));
            hash[0] ^= 1;
            assertThat(key.publicKey().verify(hash, signature)).isFalse();
        }
    }

    @Test
    void acceptsTheHighSFormOfASignatureWithTheFlippedRecoveryId() {
        PrivateKey key = PrivateKey.generate(seeded(5));
        byte[] hash = Sha256.hash(new byte[] {1, 2, 3});
        RecoverableSignature low = key.sign(hash);
        byte[] compact = low.compact();
        BigInteger n = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
        BigInteger highS = n.subtract(new BigInteger(1, compact, 32, 32));
        System.arraycopy(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, highS), 0, compact, 32, 32);

        RecoverableSignature high = RecoverableSignature.fromCompact(compact, low.recoveryId() ^ 1);

        assertThat(high.isLowS()).isFalse();
        assertThat(key.publicKey().verify(hash, high)).isTrue();
        assertThat(high.recoverPublicKey(hash)).contains(key.publicKey());
    }

    @Test
    void rejectsInvalidKeysAndSignatures() {
        assertThatThrownBy(() -> PrivateKey.fromBytes(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrivateKey.fromBytes(HEX.parseHex(
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrivateKey.fromBytes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PublicKey.fromBytes(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        byte[] notOnCurve = HEX.parseHex("02" + "00".repeat(31) + "05");
        assertThatThrownBy(() -> PublicKey.fromBytes(notOnCurve)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoverableSignature.fromCompact(new byte[64], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoverableSignature.fromCompact(new byte[63], 0)).isInstanceOf(IllegalArgumentException.class);
        PrivateKey key = PrivateKey.generate(seeded(1));
        assertThatThrownBy(() -> key.sign(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsAreRedactedAndComparedByValue() {
        byte[] secret = HEX.parseHex("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");
        PrivateKey key = PrivateKey.fromBytes(secret);
        Preimage preimage = Preimage.of(secret);

        assertThat(key.toString()).doesNotContain("e126f68f").contains("redacted");
        assertThat(preimage.toString()).doesNotContain("e126f68f").contains("redacted");
        assertThat(key).isEqualTo(PrivateKey.fromBytes(secret)).hasSameHashCodeAs(PrivateKey.fromBytes(secret));
        assertThat(preimage).isEqualTo(Preimage.of(secret));
        assertThat(key).isNotEqualTo(PrivateKey.generate(seeded(2)));
    }

    @Test
    void exportLendsTheSecretAndWipesTheCopy() {
        byte[] secret = HEX.parseHex("e126f68f7eafcc8b74f54d269fe206be715000f94dac067d1c04a8ca3b2db734");
        PrivateKey key = PrivateKey.fromBytes(secret);
        byte[][] lent = new byte[1][];

        key.exportSecret(copy -> {
            assertThat(copy).containsExactly(secret);
            lent[0] = copy;
        });

        assertThat(lent[0]).containsOnly((byte) 0);
        assertThat(PrivateKey.fromBytes(secret)).isEqualTo(key);
    }

    @Test
    void aPreimageMatchesItsHashOnly() {
        Preimage preimage = Preimage.random(seeded(3));

        assertThat(preimage.matches(preimage.hash())).isTrue();
        assertThat(preimage.hash()).isEqualTo(PaymentHash.of(Sha256.hash(preimage.bytes())));
        assertThat(preimage.matches(Preimage.random(seeded(4)).hash())).isFalse();
        assertThat(Preimage.fromHex(preimage.toHex())).isEqualTo(preimage);
    }

    @Test
    void sha256KnownAnswer() {
        assertThat(HEX.formatHex(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    /** A deterministic SecureRandom for tests. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
