package dev.turnpike.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of {@code turnpike.example.yaml}: the loader returns a configuration or throws a
 * {@link ConfigException} with at least one positioned problem, nothing else, and quickly.
 */
class ConfigFuzzTest {

    static final long SEED = 0x7e5_402L;
    static final int ITERATIONS = 3_000;
    static final String[] PALETTE = {":", "-", " ", "  ", "\n", "\t", "[", "]", "{", "}", "&a", "*a", "!", "!!str",
            "#", "'", "\"", "|", ">", "%", "@", "`", "?", ",", "0", "-1", "a", "\u0000", "\uFFFF", "é", "\r\n", "---",
            "never", "~", "null", "true", "99999999999999999999", "(", ")", "\\", "::", "/", "h2c://", "1h", "P"};

    @Test
    void mutatedExamplesNeverCrashTheLoader() throws Exception {
        String example = Files.readString(GatewayConfigTest.EXAMPLE);
        GatewayConfig.Loader loader = GatewayConfig.loader().environment(Map.of()).userHome(GatewayConfigTest.HOME);
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                String input = mutate(example, random);
                long start = System.nanoTime();
                try {
                    GatewayConfig c = loader.parse(input, "fuzz.yaml");
                    assertThat(c.routes().routes()).isNotEmpty();
                    outcomes[0]++;
                } catch (ConfigException e) {
                    assertThat(e.problems()).isNotEmpty();
                    assertThat(e.getMessage()).startsWith(e.problems().size() > 1 ? e.problems().size() + " problems" : "fuzz.yaml");
                    outcomes[1]++;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("iteration " + i + " threw " + e + " for input:\n" + input, e);
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(ms).as("iteration %d took %d ms", i, ms).isLessThan(2_000);
            }
        });
        // the mutations must exercise both outcomes, or the test proves little
        assertThat(outcomes[0]).as("accepted").isGreaterThan(ITERATIONS / 50);
        assertThat(outcomes[1]).as("rejected").isGreaterThan(ITERATIONS / 2);
    }

    static String mutate(String text, Random r) {
        StringBuilder sb = new StringBuilder(text);
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && !sb.isEmpty(); k++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(7)) {
                case 0 -> sb.replace(at, at + 1, PALETTE[r.nextInt(PALETTE.length)]);
                case 1 -> sb.insert(at, PALETTE[r.nextInt(PALETTE.length)]);
                case 2 -> sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(40)));
                case 3 -> {
                    List<String> lines = new ArrayList<>(sb.toString().lines().toList());
                    int a = r.nextInt(lines.size());
                    lines.add(r.nextInt(lines.size() + 1), lines.get(a));
                    sb.setLength(0);
                    sb.append(String.join("\n", lines)).append('\n');
                }
                case 4 -> {
                    List<String> lines = new ArrayList<>(sb.toString().lines().toList());
                    int a = r.nextInt(lines.size());
                    int b = r.nextInt(lines.size());
                    String t = lines.get(a);
                    lines.set(a, lines.get(b));
                    lines.set(b, t);
                    sb.setLength(0);
                    sb.append(String.join("\n", lines)).append('\n');
                }
                case 5 -> {
                    int lineStart = sb.lastIndexOf("\n", at) + 1;
                    sb.insert(lineStart, " ".repeat(1 + r.nextInt(4)));
                }
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }
}
