package dev.turnpike.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.turnpike.gateway.route.PathNormaliser.InvalidPathException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the path normaliser: it throws only {@link InvalidPathException}; its
 * output is normal (normalising it again changes nothing) and holds nothing an upstream could resolve differently:
 * no {@code //}, no dot-segment, not even once percent-decoded, only printable ASCII. Seeds (the paths of
 * {@link PathNormaliserTest}): {@code PathNormaliserFuzzTestInputs/normalise/}; see docs/fuzzing.md.
 */
class PathNormaliserFuzzTest {

    @FuzzTest
    void normalise(byte[] input) throws InvalidPathException {
        String normal;
        try {
            normal = PathNormaliser.normalise(new String(input, StandardCharsets.UTF_8));
        } catch (InvalidPathException expected) {
            return;
        }
        assertThat(PathNormaliser.normalise(normal)).isEqualTo(normal);
        assertThat(normal).startsWith("/").doesNotContain("//").matches("[\\x21-\\x7e]*");
        List<String> segments = List.of(percentDecoded(normal).split("/", -1));
        assertThat(segments).doesNotContain(".", "..");
    }

    /** The path as an upstream that decodes every escape once sees it. */
    private static String percentDecoded(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && Character.digit(path.charAt(i + 1), 16) >= 0
                    && Character.digit(path.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
