package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Json.JsonException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a delegation token allows, after Sourceful's sketch:
 * {@code {"scopes": ["read:meter", …], "resources": {"sites": […], "meters": […]}, "expires_in": 43200}}.
 *
 * <p>Rules: {@code scopes} is an array of distinct texts; {@code resources} an object whose every member (any
 * resource kind, not only {@code sites} and {@code meters}) is an array of distinct texts; a text has 1..{@value
 * #MAX_ITEM_LENGTH} characters and no control or bidirectional formatting characters, a resource kind 1..{@value
 * #MAX_KIND_LENGTH} printable US-ASCII characters; {@code expires_in} a
 * positive whole number of seconds. Every key is optional; other keys are kept as they are.
 *
 * <p>Immutable; {@link #equals} compares the JSON (member order and array order of sets do not matter).
 */
public final class Permissions {
    public static final String SCOPES = "scopes";
    public static final String RESOURCES = "resources";
    public static final String EXPIRES_IN = "expires_in";
    /** Longest scope or resource id, in characters. */
    public static final int MAX_ITEM_LENGTH = 200;
    /** Longest resource kind name; kinds are printable US-ASCII without spaces. */
    public static final int MAX_KIND_LENGTH = 64;

    private final ObjectNode json;
    private final Set<String> scopes;
    private final Map<String, Set<String>> resources;
    private final Long expiresIn;

    private Permissions(ObjectNode json, Set<String> scopes, Map<String, Set<String>> resources, Long expiresIn) {
        this.json = json;
        this.scopes = scopes;
        this.resources = resources;
        this.expiresIn = expiresIn;
    }

    /**
     * Parses and validates a permissions object.
     *
     * @throws InvalidAttributesException if it is not a bounded JSON object or breaks a rule above
     */
    public static Permissions parse(String json) throws InvalidAttributesException {
        Objects.requireNonNull(json, "json");
        try {
            return fromJson(Json.parseObject(json, "permissions"));
        } catch (JsonException e) {
            throw new InvalidAttributesException(e.getMessage());
        }
    }

    /** Validates a permissions tree; the tree is copied. */
    static Permissions fromJson(JsonNode node) throws InvalidAttributesException {
        if (!node.isObject()) {
            throw new InvalidAttributesException("permissions is not a JSON object");
        }
        ObjectNode json = ((ObjectNode) node).deepCopy();
        Set<String> scopes = json.has(SCOPES) ? textSet(json.get(SCOPES), "permissions.scopes") : null;
        Map<String, Set<String>> resources = json.has(RESOURCES) ? resourceMap(json.get(RESOURCES)) : null;
        Long expiresIn = json.has(EXPIRES_IN) ? positiveSeconds(json.get(EXPIRES_IN)) : null;
        return new Permissions(json, scopes, resources, expiresIn);
    }

    /** The allowed scopes, if the permissions name any. */
    public Optional<Set<String>> scopes() {
        return Optional.ofNullable(scopes);
    }

    /** The allowed resources by kind ({@code sites}, {@code meters}, …), if the permissions name any. */
    public Optional<Map<String, Set<String>>> resources() {
        return Optional.ofNullable(resources);
    }

    /** The requested time to live of the token in seconds, if set. */
    public OptionalLong expiresIn() {
        return expiresIn == null ? OptionalLong.empty() : OptionalLong.of(expiresIn);
    }

    /**
     * Whether these permissions allow nothing beyond {@code requested}. A key present on one side and absent on the
     * other is never narrower-or-equal, because an absent key may mean "unrestricted" to the API: it must be
     * absent on both sides or present on both, and then
     * <ul>
     *   <li>{@code scopes}: a subset of the requested scopes;</li>
     *   <li>{@code resources}: the same resource kinds, each list a subset of the requested one;</li>
     *   <li>{@code expires_in}: at most the requested value;</li>
     *   <li>any other key: an equal value (its meaning is unknown here, so it cannot be narrowed safely).</li>
     * </ul>
     */
    public boolean narrowerOrEqual(Permissions requested) {
        return wideningOf(requested) == null;
    }

    /** Why these permissions are wider than {@code requested}, or null if they are not. */
    String wideningOf(Permissions requested) {
        Objects.requireNonNull(requested, "requested");
        Set<String> keys = new LinkedHashSet<>();
        json.fieldNames().forEachRemaining(keys::add);
        requested.json.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (json.has(key) != requested.json.has(key)) {
                return "permissions." + Texts.quote(key)
                        + (json.has(key) ? " was not requested" : " was requested but is missing");
            }
        }
        if (scopes != null && !requested.scopes.containsAll(scopes)) {
            return "permissions.scopes holds a scope that was not requested";
        }
        if (resources != null) {
            if (!resources.keySet().equals(requested.resources.keySet())) {
                return "permissions.resources names other resource kinds than requested";
            }
            for (Map.Entry<String, Set<String>> kind : resources.entrySet()) {
                if (!requested.resources.get(kind.getKey()).containsAll(kind.getValue())) {
                    return "permissions.resources." + kind.getKey() + " holds a resource that was not requested";
                }
            }
        }
        if (expiresIn != null && expiresIn > requested.expiresIn) {
            return "permissions.expires_in is longer than requested";
        }
        for (String key : keys) {
            if (!isKnown(key) && !json.get(key).equals(requested.json.get(key))) {
                return "permissions." + Texts.quote(key) + " differs from the request";
            }
        }
        return null;
    }

    /** A deep copy of the JSON. */
    ObjectNode toJsonNode() {
        return json.deepCopy();
    }

    /** Compact JSON. */
    public String toJson() {
        return Json.toText(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permissions other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Permissions" + toJson();
    }

    private static boolean isKnown(String key) {
        return key.equals(SCOPES) || key.equals(RESOURCES) || key.equals(EXPIRES_IN);
    }

    private static Set<String> textSet(JsonNode node, String field) throws InvalidAttributesException {
        if (!node.isArray()) {
            throw new InvalidAttributesException(field + " is not an array");
        }
        Set<String> items = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidAttributesException(field + " holds a value that is not a string");
            }
            String problem = Texts.displayTextProblem(item.textValue(), MAX_ITEM_LENGTH);
            if (problem != null) {
                throw new InvalidAttributesException(field + " holds a string that " + problem);
            }
            if (!items.add(item.textValue())) {
                throw new InvalidAttributesException(field + " holds " + Texts.quote(item.textValue()) + " twice");
            }
        }
        return Collections.unmodifiableSet(items);
    }

    private static Map<String, Set<String>> resourceMap(JsonNode node) throws InvalidAttributesException {
        if (!node.isObject()) {
            throw new InvalidAttributesException("permissions.resources is not a JSON object");
        }
        Map<String, Set<String>> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> kind : node.properties()) {
            if (!Texts.isPrintableAscii(kind.getKey(), MAX_KIND_LENGTH)) {
                throw new InvalidAttributesException("permissions.resources has a kind that is not 1.."
                        + MAX_KIND_LENGTH + " printable ASCII characters: " + Texts.quote(kind.getKey()));
            }
            kinds.put(kind.getKey(), textSet(kind.getValue(), "permissions.resources." + kind.getKey()));
        }
        return Collections.unmodifiableMap(kinds);
    }

    private static long positiveSeconds(JsonNode node) throws InvalidAttributesException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw new InvalidAttributesException("permissions.expires_in is not a positive whole number of seconds");
        }
        return node.longValue();
    }
}
