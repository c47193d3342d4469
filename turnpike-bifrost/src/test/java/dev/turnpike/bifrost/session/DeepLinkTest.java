package dev.turnpike.bifrost.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.TestData;
import org.junit.jupiter.api.Test;

class DeepLinkTest {
    private final SessionId id = SessionId.generate(TestData.seededRandom(1));

    @Test
    void expandsTheSessionIdAndTheSessionUrlPercentEncoded() {
        assertThat(DeepLink.of("sea://auth?session={session}").expand(id, "http://127.0.0.1:8080/auth/session/x"))
                .isEqualTo("sea://auth?session=" + id.text());
        assertThat(DeepLink.of("sea://auth?url={session_url}&s={session}").expand(id, "https://b.example/s?a=1&b=2 x"))
                .isEqualTo("sea://auth?url=https%3A%2F%2Fb.example%2Fs%3Fa%3D1%26b%3D2%20x&s=" + id.text());
        assertThat(DeepLink.of("https://wallet.example/approve/{session}").expand(id, "")).endsWith(id.text());
        assertThat(DeepLink.of("sea://auth?u={session_url}").expand(id, "é")).isEqualTo("sea://auth?u=%C3%A9");
    }

    @Test
    void refusesBadTemplatesWhenConfigured() {
        assertRefused("auth?session={session}", "starts with a URI scheme");
        assertRefused("sea://auth", "holds {session} or {session_url}");
        assertRefused("sea://auth?s={sesion}", "unknown placeholder {sesion}");
        assertRefused("sea://auth?s= {session}", "printable US-ASCII without spaces");
        assertRefused("sea://auth?s=\n{session}", "printable US-ASCII without spaces");
        assertRefused("sea://" + "a".repeat(DeepLink.MAX_TEMPLATE_LENGTH) + "{session}", "at most 512 characters");
        assertThat(DeepLink.of("sea://auth?session={session}").toString()).isEqualTo("sea://auth?session={session}");
    }

    private static void assertRefused(String template, String message) {
        assertThatThrownBy(() -> DeepLink.of(template)).as(template).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
