package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionRefTest {

    static final String ID = "Jm3xQ0b7_zr-5PqW9aVhcA";
    static final URI BRIDGE = URI.create("http://127.0.0.1:8402");

    @Test
    void theSessionPageOrApiUrlNamesBridgeAndId() {
        for (String url : new String[] {BRIDGE + "/auth/session/" + ID, BRIDGE + "/api/auth/" + ID}) {
            SessionRef ref = SessionRef.parse(url, Optional.empty());
            assertThat(ref.bridge()).isEqualTo(BRIDGE);
            assertThat(ref.id()).isEqualTo(ID);
            assertThat(ref.apiUri()).isEqualTo(URI.create(BRIDGE + "/api/auth/" + ID));
        }
        SessionRef behindPrefix = SessionRef.parse("https://example.org/bifrost/auth/session/" + ID, Optional.empty());
        assertThat(behindPrefix.bridge()).isEqualTo(URI.create("https://example.org/bifrost"));
        assertThat(behindPrefix.eventsUri()).isEqualTo(URI.create("https://example.org/bifrost/api/auth/" + ID + "/events"));
        assertThat(behindPrefix.toString()).doesNotContain(ID);
    }

    @Test
    void aDeepLinkOrABareIdNeedsTheBridge() {
        for (String text : new String[] {"sea://auth?session=" + ID, "sea://auth?x=1&session=" + ID, " " + ID + "\n"}) {
            assertThat(SessionRef.parse(text, Optional.of(URI.create(BRIDGE + "/")))).isEqualTo(new SessionRef(BRIDGE, ID));
            assertThatThrownBy(() -> SessionRef.parse(text, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--bifrost");
        }
    }

    @Test
    void whatIsNoSessionIsRefusedPrecisely() {
        String[][] cases = {
            {"http://127.0.0.1:8402/somewhere/else", "not a session URL"},
            {"sea://auth?user=1", "deep link with session=<id>"},
            {"http://127.0.0.1:8402/auth/session/" + ID + "/../x", "not a session id"},
            {"http://127.0.0.1:8402/auth/session/", "not a session id"},
            {"%%%", "neither a session URL nor a session id"},
            {"http://other.example/auth/session/" + ID, "not on --bifrost"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> SessionRef.parse(c[0], Optional.of(BRIDGE))).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> SessionRef.bridgeBase(URI.create("ftp://example.org")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> SessionRef.bridgeBase(URI.create("http://example.org/?q=1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
