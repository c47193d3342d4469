package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base58;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void aKeyIsMadeOwnerOnlyAndReadBackTheSame() throws Exception {
        Path file = dir.resolve("keys/app.key");
        Ed25519KeyPair made = KeyFile.loadOrCreate(file, random);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(KeyFile.load(file).publicKey()).isEqualTo(made.publicKey());
        assertThat(KeyFile.loadOrCreate(file, random).publicKey()).isEqualTo(made.publicKey());
        byte[] message = "signed by the same key".getBytes(StandardCharsets.UTF_8);
        assertThat(made.publicKey().verify(message, KeyFile.load(file).sign(message))).isTrue();
    }

    @Test
    void anExistingKeyIsReplacedOnlyWhenAsked() throws Exception {
        Path file = dir.resolve("wallet.key");
        Ed25519KeyPair first = KeyFile.create(file, random, false);

        assertThatThrownBy(() -> KeyFile.create(file, random, false)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("already exists").hasMessageContaining("--force");
        assertThat(KeyFile.load(file).publicKey()).isEqualTo(first.publicKey());

        Ed25519KeyPair second = KeyFile.create(file, random, true);
        assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
        assertThat(KeyFile.load(file).publicKey()).isEqualTo(second.publicKey());
    }

    @Test
    void aKeyFileOtherUsersMayReadIsRefused() throws Exception {
        Path file = dir.resolve("app.key");
        KeyFile.create(file, random, false);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> KeyFile.load(file)).isInstanceOf(KeyFileException.class)
                .hasMessageContaining("other users may use it (rw-r--r--)").hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void damagedOrForeignFilesAreRefusedWithoutShowingTheirContent() throws Exception {
        Path file = dir.resolve("app.key");
        KeyFile.create(file, random, false);
        String good = Files.readString(file);
        String seed = good.replaceAll("(?s).*\"seed\" : \"([^\"]+)\".*", "$1");
        Ed25519KeyPair other = Ed25519KeyPair.generate(random);
        String[][] cases = {
            {good.replaceAll("\"public_key\" : \"[^\"]+\"", "\"public_key\" : \"" + other.publicKey().toBase58() + "\""),
                "its public key is not the seed's"},
            {good.replace(seed, seed + "0"), "its seed is not base58"},
            {good.replace(seed, Base58.encode(new byte[] {1, 2, 3})), "its seed is not 32 bytes"},
            {good.replace("turnpike-bifrost-ed25519-key", "ssh-ed25519"), "not a key file"},
            {"{not json", "not a key file (not JSON)"},
            {"x".repeat(KeyFile.MAX_FILE_BYTES + 1), "larger than 4096 bytes"},
        };
        for (String[] c : cases) {
            Files.writeString(file, c[0]);
            assertThatThrownBy(() -> KeyFile.load(file)).as(c[1]).isInstanceOf(KeyFileException.class)
                    .hasMessageContaining(c[1]).hasMessageNotContaining(seed);
        }
        assertThatThrownBy(() -> KeyFile.load(dir.resolve("missing.key"))).isInstanceOf(KeyFileException.class)
                .hasMessageEndingWith("does not exist");
    }
}
