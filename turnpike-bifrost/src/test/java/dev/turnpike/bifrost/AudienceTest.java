package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code aud} attribute, and the attributes a session may ask for. */
class AudienceTest {

    @Test
    void anAudienceIsOneUrlOrSeveralComparedInNormalForm() throws Exception {
        Attributes one = Attributes.parse("{\"aud\":\"https://API.example.com\"}");
        Audience a = one.audience().orElseThrow();
        assertThat(a.urls()).containsExactly("https://API.example.com");
        assertThat(a.includes("https://api.example.com:443/")).isTrue();
        assertThat(a.includes("https://api.example.com/other")).isFalse();
        assertThat(a.includes("http://api.example.com")).isFalse();
        assertThat(a.includes("not a url")).isFalse();

        Attributes two = Attributes.empty().withAudience(Audience.of(List.of("https://a.example/v1",
                "http://127.0.0.1:8080/api")));
        assertThat(two.toJson()).isEqualTo("{\"aud\":[\"https://a.example/v1\",\"http://127.0.0.1:8080/api\"]}");
        assertThat(two.audience().orElseThrow().includes("http://127.0.0.1:8080/api")).isTrue();
        assertThat(Attributes.empty().withAudience(Audience.of(List.of("https://a.example"))).toJson())
                .isEqualTo("{\"aud\":\"https://a.example\"}");
        assertThat(Attributes.parse("{\"name\":\"App\"}").audience()).isEmpty();
    }

    @Test
    void anAudienceNamesOnlyPlainHttpUrls() {
        for (String bad : List.of("5", "[]", "\"\"", "\"javascript:alert(1)\"", "\"https://u:p@a.example\"",
                "\"https://a.example/?x=1\"", "\"https://a.example/#top\"", "\"/relative\"", "[\"https://a.example\",1]",
                "\"https://a.example/\\u00e9\"", "[\"https://a.example\",\"HTTPS://A.example:443\"]")) {
            assertThatThrownBy(() -> Attributes.parse("{\"aud\":" + bad + "}")).as(bad)
                    .isInstanceOf(InvalidAttributesException.class).hasMessageStartingWith("attributes.aud");
        }
        List<String> eleven = Collections.nCopies(11, "https://a.example");
        assertThatThrownBy(() -> Audience.of(eleven)).hasMessageContaining("1..10 URLs");
    }

    @Test
    void aSessionMayAskOnlyForTheAttributesAWalletShows() throws Exception {
        ObjectNode asked = JsonNodeFactory.instance.objectNode().put("name", "App").put("nonce", "n")
                .put("aud", "https://a.example");
        asked.putObject("permissions").putArray("scopes").add("read:meter");
        assertThat(Attributes.fromRequest(asked).unknown()).isEmpty();
        for (String extra : List.of("sub", "role", "Name", "")) {
            ObjectNode withExtra = asked.deepCopy().put(extra, "admin");
            assertThatThrownBy(() -> Attributes.fromRequest(withExtra)).as(extra)
                    .isInstanceOf(InvalidAttributesException.class)
                    .hasMessageStartingWith("attributes." + extra + " is not an attribute a session can ask for");
        }
        Attributes token = Attributes.parse("{\"name\":\"App\",\"theme\":\"dark\",\"aud\":\"https://a.example\"}");
        assertThat(token.unknown().toString()).as("a token's other attributes are kept").isEqualTo("{\"theme\":\"dark\"}");
    }
}
