package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.turnpike.testing.fuzz.TrustedInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing (Jazzer) of the configuration reader, from the YAML text up: it returns a configuration
 * or throws a {@link ConfigException} that names at least one problem, nothing else; and a text it accepts, saved
 * to a file, loads again to the same configuration. Seeds ({@code turnpike.example.yaml} and the test
 * configurations): {@code GatewayConfigFuzzTestInputs/read/}; see docs/fuzzing.md.
 */
@TrustedInput(sanitizersOff = {"RegexInjection", "FilePathTraversal"},
        because = "the operator writes the configuration: its regular expressions and file paths are theirs to choose,"
                + " and an invalid one is a configuration problem the reader reports, which this target checks")
class GatewayConfigFuzzTest {
    @TempDir
    static Path folder;

    @FuzzTest
    void read(byte[] input) throws IOException, ConfigException {
        String text = new String(input, StandardCharsets.UTF_8);
        Path file = folder.resolve("turnpike.yaml");
        GatewayConfig.Loader loader = GatewayConfigTest.loader().workingDirectory(folder);
        GatewayConfig config;
        try {
            config = loader.parse(text, file.toString());
        } catch (ConfigException expected) {
            assertThat(expected.problems()).isNotEmpty();
            return;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertThat(loader.load(file)).usingRecursiveComparison()
                .withEqualsForType((a, b) -> a.pattern().equals(b.pattern()) && a.flags() == b.flags(), Pattern.class)
                .isEqualTo(config);
    }
}
