package dev.turnpike.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.route.PathNormaliser.InvalidPathException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormaliserTest {

    @Test
    void aNormalPathIsReturnedAsItIs() throws Exception {
        String path = "/quotes/today.json";
        assertThat(PathNormaliser.normalise(path)).isSameAs(path);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // the bypass the probe found, in every spelling it tried
        "/public/../secret, /secret",
        "/public/%2e%2e/secret, /secret",
        "/public/%2E%2E/secret, /secret",
        "/public/./../secret, /secret",
        "/public/.%2e/secret, /secret",
        // RFC 3986 §5.2.4
        "/a/b/c/./../../g, /a/g",
        "/a/./b, /a/b",
        "/.., /",
        "/../../x, /x",
        "/a/b/.., /a/",
        "/a/., /a/",
        "/a/, /a/",
        "/, /",
        // slashes merged
        "//a///b, /a/b",
        "//, /",
        // unreserved characters decoded, other escapes upper-cased and kept
        "/%7Euser/%41%62c, /~user/Abc",
        "/a%20b/%c3%a9, /a%20b/%C3%A9",
        "/a%3bb/%3f, /a%3Bb/%3F",
        // parameters on a segment that is not a dot-segment stay
        "/a;v=1/b, /a;v=1/b",
        "/a;x/../b, /b",
        // names that start with a dot are not dot-segments
        "/.well-known/x, /.well-known/x",
        "/a/...b, /a/...b",
    })
    void normalForms(String raw, String normal) throws Exception {
        assertThat(PathNormaliser.normalise(raw)).isEqualTo(normal);
    }

    @Test
    void normalisingTwiceChangesNothing() throws Exception {
        for (String raw : new String[] {"/a/../b/%2e/c//", "/%41/./%7e", "/x/%20/..", "/.."}) {
            String once = PathNormaliser.normalise(raw);
            assertThat(PathNormaliser.normalise(once)).as(raw).isEqualTo(once);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/public%2F..%2Fsecret", "/public/..%2fsecret", "/a%5Cb", "/a%5c..%5csecret", "/a%00b",
        "/a\\b", "/public/..;/secret", "/public/.;x/secret", "/a%", "/a%4", "/a%zz", "/a%g0",
        "/a b", "/a\tb", "/caf\u00e9", "/a\u007f", "relative", "",
    })
    void refusedPaths(String raw) {
        assertThatThrownBy(() -> PathNormaliser.normalise(raw))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageStartingWith("the path");
    }

    @Test
    void refusalsSayWhy() {
        assertThatThrownBy(() -> PathNormaliser.normalise("/a%2Fb"))
                .hasMessage("the path has an encoded slash, backslash or NUL");
        assertThatThrownBy(() -> PathNormaliser.normalise("/a/..;/b"))
                .hasMessage("the path has a dot-segment with parameters");
        assertThatThrownBy(() -> PathNormaliser.normalise("/a%2"))
                .hasMessage("the path has a '%' that is not followed by two hex digits");
    }
}
