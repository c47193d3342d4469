package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    static final String SOURCEFUL = """
            {"scopes": ["read:meter", "read:site"], "resources": {"sites": ["s1", "s2"], "meters": ["m1"]},
             "expires_in": 43200}""";

    @Test
    void readsSourcefulsSketch() throws Exception {
        Permissions p = Permissions.parse(SOURCEFUL);
        assertThat(p.scopes()).contains(Set.of("read:meter", "read:site"));
        assertThat(p.resources()).contains(Map.of("sites", Set.of("s1", "s2"), "meters", Set.of("m1")));
        assertThat(p.expiresIn()).hasValue(43_200);
        assertThat(Permissions.parse("{}").scopes()).isEmpty();
        assertThat(Permissions.parse("{}").expiresIn()).isEmpty();
    }

    @Test
    void refusesEachBrokenRuleWithThePathOfTheField() {
        assertRefused("[]", "permissions is not a JSON object");
        assertRefused("{\"scopes\": \"read\"}", "permissions.scopes is not an array");
        assertRefused("{\"scopes\": [1]}", "permissions.scopes holds a value that is not a string");
        assertRefused("{\"scopes\": [\"a\", \"a\"]}", "permissions.scopes holds \"a\" twice");
        assertRefused("{\"scopes\": [\"\"]}", "permissions.scopes holds a string that is empty or blank");
        assertRefused("{\"scopes\": [\"a\\u0007\"]}", "holds a string that contains a control character");
        assertRefused("{\"resources\": []}", "permissions.resources is not a JSON object");
        assertRefused("{\"resources\": {\"sites\": [\"x\", 2]}}", "permissions.resources.sites holds a value");
        assertRefused("{\"resources\": {\"a b\": []}}", "permissions.resources has a kind that is not");
        assertRefused("{\"expires_in\": 0}", "permissions.expires_in is not a positive whole number");
        assertRefused("{\"expires_in\": 1.5}", "permissions.expires_in is not a positive whole number");
        assertRefused("{\"expires_in\": \"60\"}", "permissions.expires_in is not a positive whole number");
        assertRefused("{\"expires_in\": 99999999999999999999}", "permissions.expires_in is not a positive whole");
        assertRefused("{\"scopes\": [], \"scopes\": []}", "Duplicate field 'scopes'");
        assertRefused("{\"scopes\": [\"" + "x".repeat(Permissions.MAX_ITEM_LENGTH + 1) + "\"]}", "longer than 200");
    }

    @Test
    void equalPermissionsAreNarrowerOrEqual() throws Exception {
        assertThat(Permissions.parse(SOURCEFUL).narrowerOrEqual(Permissions.parse(SOURCEFUL))).isTrue();
        assertThat(Permissions.parse("{}").narrowerOrEqual(Permissions.parse("{}"))).isTrue();
    }

    @Test
    void subsetsAndShorterLifetimesAreNarrower() throws Exception {
        Permissions requested = Permissions.parse(SOURCEFUL);
        assertThat(narrower("""
                {"scopes": ["read:meter"], "resources": {"sites": [], "meters": ["m1"]}, "expires_in": 60}""",
                requested)).isTrue();
    }

    @Test
    void eachWideningIsCaughtAndNamed() throws Exception {
        Permissions requested = Permissions.parse(SOURCEFUL);
        assertWidened("""
                {"scopes": ["read:meter", "write:meter"], "resources": {"sites": ["s1"], "meters": ["m1"]},
                 "expires_in": 60}""", requested, "permissions.scopes holds a scope that was not requested");
        assertWidened("""
                {"scopes": [], "resources": {"sites": ["s3"], "meters": []}, "expires_in": 60}""", requested,
                "permissions.resources.sites holds a resource that was not requested");
        assertWidened("""
                {"scopes": [], "resources": {"sites": [], "meters": [], "gateways": []}, "expires_in": 60}""",
                requested, "permissions.resources names other resource kinds than requested");
        assertWidened("""
                {"scopes": [], "resources": {"sites": [], "meters": []}, "expires_in": 43201}""", requested,
                "permissions.expires_in is longer than requested");
    }

    @Test
    void aKeyOnOneSideOnlyIsNeverNarrowerBecauseAbsenceMayMeanUnrestricted() throws Exception {
        Permissions requested = Permissions.parse(SOURCEFUL);
        assertWidened("{\"resources\": {\"sites\": [], \"meters\": []}, \"expires_in\": 60}", requested,
                "permissions.\"scopes\" was requested but is missing");
        assertWidened("{\"scopes\": []}", Permissions.parse("{}"), "permissions.\"scopes\" was not requested");
    }

    @Test
    void unknownKeysMustBeEqual() throws Exception {
        Permissions requested = Permissions.parse("{\"scopes\": [\"a\"], \"tier\": {\"level\": 2}}");
        assertThat(narrower("{\"scopes\": [], \"tier\": {\"level\": 2}}", requested)).isTrue();
        assertWidened("{\"scopes\": [], \"tier\": {\"level\": 1}}", requested,
                "permissions.\"tier\" differs from the request");
    }

    @Test
    void randomSubsetsAreNarrowerAndRandomSupersetsAreNot() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            List<String> scopes = items("scope", 1 + random.nextInt(6));
            List<String> sites = items("site", 1 + random.nextInt(6));
            long ttl = 1 + random.nextInt(100_000);
            Permissions requested = Permissions.parse(json(scopes, sites, ttl));
            Permissions subset = Permissions.parse(json(someOf(scopes, random), someOf(sites, random),
                    1 + random.nextInt((int) ttl)));
            assertThat(subset.narrowerOrEqual(requested)).isTrue();
            List<String> wider = new ArrayList<>(random.nextBoolean() ? scopes : someOf(scopes, random));
            wider.add("extra-" + i);
            assertThat(Permissions.parse(json(wider, sites, ttl)).narrowerOrEqual(requested)).isFalse();
            assertThat(Permissions.parse(json(scopes, sites, ttl + 1)).narrowerOrEqual(requested)).isFalse();
        }
    }

    @Test
    void equalityIgnoresMemberOrder() throws Exception {
        assertThat(Permissions.parse("{\"scopes\": [\"a\"], \"expires_in\": 5}"))
                .isEqualTo(Permissions.parse("{\"expires_in\": 5, \"scopes\": [\"a\"]}"))
                .hasSameHashCodeAs(Permissions.parse("{\"expires_in\": 5, \"scopes\": [\"a\"]}"))
                .isNotEqualTo(Permissions.parse("{\"expires_in\": 6, \"scopes\": [\"a\"]}"));
        assertThat(Permissions.parse("{\"expires_in\": 5}").toJson()).isEqualTo("{\"expires_in\":5}");
    }

    private static boolean narrower(String json, Permissions requested) throws Exception {
        return Permissions.parse(json).narrowerOrEqual(requested);
    }

    private static void assertWidened(String json, Permissions requested, String why) throws Exception {
        Permissions p = Permissions.parse(json);
        assertThat(p.narrowerOrEqual(requested)).isFalse();
        assertThat(p.wideningOf(requested)).isEqualTo(why);
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> Permissions.parse(json)).as(json).isInstanceOf(InvalidAttributesException.class)
                .hasMessageContaining(message);
    }

    private static List<String> items(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + ":" + i);
        }
        return out;
    }

    private static List<String> someOf(List<String> all, Random random) {
        return all.stream().filter(x -> random.nextBoolean()).toList();
    }

    private static String json(List<String> scopes, List<String> sites, long ttl) {
        return "{\"scopes\": " + array(scopes) + ", \"resources\": {\"sites\": " + array(sites) + "}, \"expires_in\": "
                + ttl + "}";
    }

    private static String array(List<String> items) {
        return items.stream().map(s -> "\"" + s + "\"").toList().toString();
    }
}
