package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile input is refused quickly: size, depth, alias bombs, tags. */
class ConfigLimitsTest {

    static String problems(String yaml) {
        return GatewayConfigTest.catchConfig(() -> GatewayConfig.loader().environment(Map.of()).parse(yaml, "t.yaml"));
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing(@TempDir Path tmp) throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(GatewayConfig.MAX_FILE_BYTES) + "\n");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(GatewayConfigTest.catchConfig(
                () -> GatewayConfig.load(big))).isEqualTo(big + ": larger than 1048576 bytes: not a configuration file?"));
        assertThat(problems("a".repeat(GatewayConfig.MAX_FILE_BYTES + 1)))
                .isEqualTo("t.yaml: larger than 1048576 characters: not a configuration file?");
    }

    @Test
    void deepNestingIsRefused() {
        String flow = "services: " + "[".repeat(500_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(problems(flow))
                .isEqualTo("t.yaml:1:30: services" + "[0]".repeat(19) + ": nested more than 20 levels deep"));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            block.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        assertThat(problems(block.toString())).startsWith("t.yaml:21:41: ").endsWith(": nested more than 20 levels deep");
    }

    @Test
    void aBillionLaughsIsRefusedWithoutExpansion() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            char p = (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(p);
            }
            y.append("]\n");
        }
        String bomb = y.toString();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            String m = problems(bomb);
            assertThat(m).contains("t.yaml:1:4: a: anchors (&a) are not supported: write the value out")
                    .contains("t.yaml:2:8: b[0]: aliases (*name) are not supported: write the value out");
            assertThat(m.lines()).hasSizeLessThanOrEqualTo(Problems.MAX_ERRORS + 2);
        });
    }

    @Test
    void tagsAreNeverInstantiated() {
        assertThat(problems("listen: !!java.lang.ProcessBuilder [calc]\n"))
                .contains("t.yaml:1:9: listen: YAML tags (tag:yaml.org,2002:java.lang.ProcessBuilder) are not supported");
    }

    @Test
    void manyErrorsAreCapped() {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            y.append("unknown_").append(i).append(": 1\n");
        }
        String m = problems(y.toString());
        assertThat(m).startsWith("101 problems in t.yaml:").endsWith("t.yaml: and 401 more problems");
    }
}
