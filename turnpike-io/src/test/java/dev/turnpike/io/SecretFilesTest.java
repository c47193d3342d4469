package dev.turnpike.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        Path file = dir.resolve("secret");
        PrivateFiles.writeAtomically(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void readStripsAndFirstLineKeepsTheLineAsItIs() throws Exception {
        assertThat(SecretFiles.read(file("  rune-abc \n"), "a rune")).isEqualTo("rune-abc");
        assertThat(SecretFiles.firstLine(file(" pass word \r\nsecond line\n"), "a password")).isEqualTo(" pass word ");
        assertThat(SecretFiles.firstLine(file("no newline"), "a password")).isEqualTo("no newline");
    }

    @Test
    void aFileOtherUsersMayUseIsRefused() throws Exception {
        Path rune = file("rune-abc\n");
        Files.setPosixFilePermissions(rune, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> SecretFiles.read(rune, "a rune")).isInstanceOf(IOException.class)
                .hasMessage("a rune file " + rune + " is open to other users (rw----r--): chmod 600 " + rune);
        assertThatThrownBy(() -> SecretFiles.firstLine(rune, "a password")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("a password file " + rune + " is open to other users");
    }

    @Test
    void emptyAndOversizedFilesAreRefusedWithoutReadingThemWhole() throws Exception {
        assertThatThrownBy(() -> SecretFiles.read(file(" \n"), "a rune")).hasMessageEndingWith(" is empty");
        Path big = file("x".repeat(SecretFiles.MAX_BYTES + 1));
        assertThatThrownBy(() -> SecretFiles.read(big, "a rune")).hasMessageEndingWith(" is too large to be a rune");
        assertThatThrownBy(() -> SecretFiles.firstLine(big, "a password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith(" is too large to be a password");
        assertThat(SecretFiles.firstLine(file("x".repeat(SecretFiles.MAX_BYTES)), "a password"))
                .hasSize(SecretFiles.MAX_BYTES);
    }
}
