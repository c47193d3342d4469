package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of what an application sends to create a session: the attributes object and the
 * permissions inside it. The parsers throw only {@link InvalidAttributesException}; what they accept writes back
 * to JSON that reads back equal, and permissions are never wider than themselves. Seeds:
 * {@code AttributesFuzzTestInputs/parse/}; see docs/fuzzing.md.
 */
class AttributesFuzzTest {

    @FuzzTest
    void parse(byte[] input) throws InvalidAttributesException {
        String json = new String(input, StandardCharsets.UTF_8);
        Attributes attributes;
        try {
            attributes = Attributes.parse(json);
        } catch (InvalidAttributesException expected) {
            attributes = null;
        }
        if (attributes != null) {
            assertThat(Attributes.parse(attributes.toJson())).isEqualTo(attributes);
            attributes.permissions().ifPresent(AttributesFuzzTest::assertReadsBack);
        }
        Permissions permissions;
        try {
            permissions = Permissions.parse(json);
        } catch (InvalidAttributesException expected) {
            return;
        }
        assertReadsBack(permissions);
    }

    private static void assertReadsBack(Permissions permissions) {
        try {
            assertThat(Permissions.parse(permissions.toJson())).isEqualTo(permissions);
        } catch (InvalidAttributesException e) {
            throw new AssertionError("accepted permissions do not read back: " + permissions, e);
        }
        assertThat(permissions.narrowerOrEqual(permissions)).isTrue();
    }
}
