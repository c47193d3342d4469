package dev.turnpike.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @TempDir
    Path dir;

    private Path file(String content) throws Exception {
        return Files.writeString(dir.resolve("secret"), content);
    }

    @Test
    void readStripsAndFirstLineKeepsTheLineAsItIs() throws Exception {
        assertThat(SecretFiles.read(file("  rune-abc \n"), "a rune")).isEqualTo("rune-abc");
        assertThat(SecretFiles.firstLine(file(" pass word \r\nsecond line\n"), "a password")).isEqualTo(" pass word ");
        assertThat(SecretFiles.firstLine(file("no newline"), "a password")).isEqualTo("no newline");
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
