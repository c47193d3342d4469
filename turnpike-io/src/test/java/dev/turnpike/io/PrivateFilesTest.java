package dev.turnpike.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesOwnerOnlyAtomicallyAndReplacesWithoutLeavingTemporaryFiles() throws Exception {
        Path file = dir.resolve("sub/secret");
        PrivateFiles.writeAtomically(file, "one".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.writeAtomically(file, "two".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void createIfAbsentKeepsAnExistingFile() throws Exception {
        Path file = dir.resolve("db");
        PrivateFiles.createIfAbsent(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.writeString(file, "kept");
        PrivateFiles.createIfAbsent(file);
        assertThat(Files.readString(file)).isEqualTo("kept");
    }

    @Test
    void tellsAFileOpenToOtherUsers() throws Exception {
        Path file = dir.resolve("key");
        PrivateFiles.createIfAbsent(file);
        assertThat(PrivateFiles.isOpenToOthers(file)).isFalse();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        assertThat(PrivateFiles.isOpenToOthers(file)).isFalse();
        for (String mode : new String[] {"rw-r-----", "rw--w----", "rw----r--", "rw------x"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            assertThat(PrivateFiles.isOpenToOthers(file)).as(mode).isTrue();
        }
    }

    @Test
    void refusesASecretFileOpenToOtherUsersNamingTheFix() throws Exception {
        Path file = dir.resolve("secret");
        PrivateFiles.writeAtomically(file, "s".getBytes(StandardCharsets.UTF_8));
        PrivateFiles.requireOwnerOnly(file, "the secret file");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PrivateFiles.requireOwnerOnly(file, "the secret file"))
                .isInstanceOf(IOException.class)
                .hasMessage("the secret file " + file + " is open to other users (rw-r--r--): chmod 600 " + file);
    }

    /**
     * Its missing parents too: {@code fetch} making {@code ~/.turnpike/tokens} must not leave {@code ~/.turnpike},
     * the default data folder, open to others (then refused by {@code serve}).
     */
    @Test
    void createsOwnerOnlyFoldersAndParents() throws Exception {
        Path folder = dir.resolve("home/.turnpike/tokens");
        PrivateFiles.createDirectory(folder);
        PrivateFiles.createDirectory(folder);
        for (Path made : new Path[] {folder, folder.getParent(), dir.resolve("home")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                    .isEqualTo("rwx------");
        }
    }
}
