package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributesTest {

    @Test
    void readsTheDocumentsAttributes() throws Exception {
        Attributes a = Attributes.parse("""
                {"nonce":"abc123", "name":"Test Application", "permissions":{"scopes":["read:meter"]}, "theme":"dark"}""");
        assertThat(a.name()).contains("Test Application");
        assertThat(a.nonce()).contains("abc123");
        assertThat(a.permissions()).contains(Permissions.parse("{\"scopes\":[\"read:meter\"]}"));
        assertThat(a.others().toString()).isEqualTo("{\"theme\":\"dark\"}");
        assertThat(Attributes.parse("{}")).isEqualTo(Attributes.empty());
        assertThat(Attributes.empty().name()).isEmpty();
    }

    @Test
    void theNameIsShownToPeopleSoItIsChecked() {
        assertRefused("{\"name\": 5}", "attributes.name is not a string");
        assertRefused("{\"name\": \"\"}", "attributes.name is empty or blank");
        assertRefused("{\"name\": \"   \"}", "attributes.name is empty or blank");
        assertRefused("{\"name\": \"a\\nb\"}", "attributes.name contains a control character");
        assertRefused("{\"name\": \"a\\u0000\"}", "attributes.name contains a control character");
        assertRefused("{\"name\": \"Bank\\u202Eppa\"}", "attributes.name contains a bidirectional formatting");
        assertRefused("{\"name\": \"x\\ud800y\"}", "attributes.name contains an unpaired surrogate");
        assertRefused("{\"name\": \"" + "n".repeat(101) + "\"}", "attributes.name is longer than 100 characters");
    }

    @Test
    void namesCountCharactersNotUtf16Units() throws Exception {
        String hundredEmoji = "😀".repeat(100);
        assertThat(Attributes.parse("{\"name\": \"" + hundredEmoji + "\"}").name()).contains(hundredEmoji);
        assertThat(Attributes.parse("{\"name\": \"Wärmepumpe ☀ 日本\"}").name()).contains("Wärmepumpe ☀ 日本");
    }

    @Test
    void theNonceIsPrintableAscii() {
        assertRefused("{\"nonce\": 1}", "attributes.nonce is not a string of 1..128 printable US-ASCII");
        assertRefused("{\"nonce\": \"a b\"}", "attributes.nonce is not a string");
        assertRefused("{\"nonce\": \"" + "n".repeat(129) + "\"}", "attributes.nonce is not a string");
    }

    @Test
    void sizeAndDepthAreBounded() throws Exception {
        String big = "x".repeat(Attributes.MAX_JSON_BYTES);
        assertRefused("{\"blob\": \"" + big + "\"}", "attributes are larger than 4096 bytes of JSON");
        String fits = "x".repeat(Attributes.MAX_JSON_BYTES - "{\"blob\":\"\"}".length());
        assertThat(Attributes.parse("{\"blob\": \"" + fits + "\"}").toJson()).hasSize(Attributes.MAX_JSON_BYTES);
        assertThat(Attributes.parse("{\"a\":[[[[[[[1]]]]]]]}").toJson()).isEqualTo("{\"a\":[[[[[[[1]]]]]]]}");
        assertRefused("{\"a\":[[[[[[[[1]]]]]]]]}", "attributes are nested deeper than 8 levels");
        assertRefused("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
                "nesting depth (17) exceeds the maximum allowed (16)");
        assertRefused("[]", "attributes is not a JSON object");
        assertRefused("{\"a\":1,\"a\":2}", "Duplicate field 'a'");
        assertRefused("{\"a\":1} {}", "attributes is not valid JSON");
        assertRefused("{\"a\":1", "attributes is not valid JSON");
    }

    @Test
    void theNonceIsBifrostsAndDoesNotCountTowardsTheSize() throws Exception {
        String fits = "x".repeat(Attributes.MAX_JSON_BYTES - "{\"blob\":\"\"}".length());
        Attributes full = Attributes.parse("{\"blob\": \"" + fits + "\", \"nonce\": \"from-the-app\"}");
        Attributes withNonce = full.withFreshNonce(TestData.seededRandom(1));
        assertThat(withNonce.nonce()).isPresent().get().asString().hasSize(22).isNotEqualTo("from-the-app");
        assertThat(full.withFreshNonce(TestData.seededRandom(2)).nonce()).isNotEqualTo(withNonce.nonce());
        assertThat(Attributes.parse(withNonce.toJson())).isEqualTo(withNonce);
        assertThat(full.nonce()).contains("from-the-app");
    }

    @Test
    void toStringLeavesTheNonceOut() throws Exception {
        Attributes a = Attributes.parse("{\"name\":\"App\"}").withFreshNonce(TestData.seededRandom(1));
        assertThat(a.toString()).isEqualTo("Attributes{\"name\":\"App\",\"nonce\":\"redacted\"}")
                .doesNotContain(a.nonce().orElseThrow());
        DelegationRequest request = new DelegationRequest(TestData.keyPair(1).publicKey(), a);
        assertThat(request.toString()).doesNotContain(a.nonce().orElseThrow()).contains("App");
        assertThatThrownBy(() -> new DelegationRequest(TestData.keyPair(1).publicKey(), Attributes.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce");
    }

    @Test
    void withersValidate() throws Exception {
        Permissions p = Permissions.parse("{\"scopes\":[\"read:meter\"]}");
        Attributes a = Attributes.empty().withName("App").withPermissions(p);
        assertThat(a.toJson()).isEqualTo("{\"name\":\"App\",\"permissions\":{\"scopes\":[\"read:meter\"]}}");
        assertThatThrownBy(() -> Attributes.empty().withName("\u0007")).isInstanceOf(InvalidAttributesException.class);
        assertThat(Attributes.empty().name()).isEmpty();
    }

    @Test
    void treesAreCopiedInAndOut() throws Exception {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("name", "App");
        Attributes a = Attributes.fromJson(tree);
        tree.put("name", "Evil");
        a.toJsonNode().put("name", "Evil");
        assertThat(a.name()).contains("App");
        assertThat(a.toJson()).isEqualTo("{\"name\":\"App\"}");
    }

    @Test
    void randomMutationsOfValidAttributesNeverEscapeAsAnythingButInvalidAttributes() {
        String valid = "{\"nonce\":\"n1\",\"name\":\"App\",\"permissions\":{\"scopes\":[\"a\"],\"expires_in\":5}}";
        Random random = new Random(7);
        String alphabet = "{}[]\":,\\ \u0000\u202Eabcn1.5-e";
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            String s = TestData.damage(valid, random, alphabet);
            try {
                Attributes a = Attributes.parse(s);
                assertThat(Attributes.parse(a.toJson())).isEqualTo(a);
                accepted++;
            } catch (InvalidAttributesException e) {
                assertThat(e.getMessage()).startsWith("attributes").doesNotContain("Source:");
            }
        }
        assertThat(accepted).isPositive();
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> Attributes.parse(json)).as(json).isInstanceOf(InvalidAttributesException.class)
                .hasMessageContaining(message);
    }
}
