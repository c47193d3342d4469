package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestUrlTest {

    @Test
    void normalizesAsRfc3986SaysAndDropsQueryAndFragment() {
        assertNormal("https://bridge.example/api/auth/abc", "https://bridge.example/api/auth/abc");
        assertNormal("HTTPS://BRIDGE.Example/api/auth/abc?wait=25#top", "https://bridge.example/api/auth/abc");
        assertNormal("https://bridge.example:443/", "https://bridge.example/");
        assertNormal("http://bridge.example:80", "http://bridge.example/");
        assertNormal("http://bridge.example:8080/x", "http://bridge.example:8080/x");
        assertNormal("https://bridge.example/a/./b/../c", "https://bridge.example/a/c");
        assertNormal("https://bridge.example/%7euser/%2f%41", "https://bridge.example/~user/%2FA");
        assertNormal("http://127.0.0.1:9000/api", "http://127.0.0.1:9000/api");
        assertNormal("http://[::1]:9000/api", "http://[::1]:9000/api");
        // the path's case is significant
        assertNormal("https://bridge.example/API", "https://bridge.example/API");
    }

    @Test
    void refusesWhatIsNotAnAbsoluteHttpUrl() {
        for (String bad : new String[] {"", "/api/auth", "bridge.example/api", "ftp://bridge.example/",
                "https://user:pw@bridge.example/", "https:///path", "https://bridge example/", "mailto:a@b.example",
                "https://bridge.example/" + "a".repeat(RequestUrl.MAX_LENGTH)}) {
            assertThat(RequestUrl.normalize(bad)).as(bad).isEmpty();
        }
    }

    private static void assertNormal(String url, String normal) {
        assertThat(RequestUrl.normalize(url)).as(url).contains(normal);
    }
}
