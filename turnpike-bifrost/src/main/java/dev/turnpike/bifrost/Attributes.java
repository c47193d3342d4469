package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Json.JsonException;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code attributes} object of a Bifrost session and of the delegation token, e.g.
 * {@code {"nonce":"…", "name":"Test Application", "permissions":{…}}}.
 *
 * <p>Rules, checked whenever an instance is made:
 * <ul>
 *   <li>a JSON object of at most {@value #MAX_JSON_BYTES} bytes of compact UTF-8 JSON (not counting the nonce)
 *       and at most {@value #MAX_DEPTH} levels deep (the object itself is level 1);</li>
 *   <li>{@code name}, if present: a string of 1..{@value #MAX_NAME_LENGTH} characters, not blank, without control,
 *       unpaired surrogate or bidirectional formatting characters;</li>
 *   <li>{@code nonce}, if present: 1..{@value #MAX_NONCE_LENGTH} printable US-ASCII characters, no spaces;</li>
 *   <li>{@code permissions}, if present: see {@link Permissions};</li>
 *   <li>{@code aud}, if present: the APIs the token is for, see {@link Audience};</li>
 *   <li>other keys are kept unchanged and unchecked in a token; a session's request refuses them
 *       ({@link #fromRequest}), so a wallet never signs what it cannot show.</li>
 * </ul>
 * The application sends attributes without a nonce; Bifrost adds one with {@link #withFreshNonce}. Immutable;
 * {@link #equals} compares the JSON trees.
 */
public final class Attributes {
    public static final String NAME = "name";
    public static final String NONCE = "nonce";
    public static final String PERMISSIONS = "permissions";
    public static final String AUDIENCE = "aud";
    /** The attributes a session may ask for: the document's three and the audience. */
    public static final Set<String> KNOWN = Set.of(NAME, NONCE, PERMISSIONS, AUDIENCE);
    public static final int MAX_JSON_BYTES = 4096;
    public static final int MAX_DEPTH = 8;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_NONCE_LENGTH = 128;
    /** Random bytes in a nonce made by {@link #withFreshNonce}: 128 bits. */
    static final int NONCE_BYTES = 16;

    private static final Attributes EMPTY = new Attributes(Json.newObject(), null, null, null, null);

    private final ObjectNode json;
    private final String name;
    private final String nonce;
    private final Permissions permissions;
    private final Audience audience;

    private Attributes(ObjectNode json, String name, String nonce, Permissions permissions, Audience audience) {
        this.json = json;
        this.name = name;
        this.nonce = nonce;
        this.permissions = permissions;
        this.audience = audience;
    }

    /** No attributes: {@code {}}. */
    public static Attributes empty() {
        return EMPTY;
    }

    /**
     * Parses and validates an attributes object.
     *
     * @throws InvalidAttributesException if it is not a bounded JSON object or breaks a rule above
     */
    public static Attributes parse(String json) throws InvalidAttributesException {
        Objects.requireNonNull(json, "json");
        try {
            return fromJson(Json.parseObject(json, "attributes"));
        } catch (JsonException e) {
            throw new InvalidAttributesException(e.getMessage());
        }
    }

    /**
     * Validates an attributes tree, e.g. a member of a request body the caller has already parsed; the tree is
     * copied, so later changes to it do not show here.
     *
     * @throws InvalidAttributesException if it is not an object or breaks a rule above
     */
    public static Attributes fromJson(JsonNode node) throws InvalidAttributesException {
        Objects.requireNonNull(node, "node");
        if (!node.isObject()) {
            throw new InvalidAttributesException("attributes is not a JSON object");
        }
        ObjectNode json = ((ObjectNode) node).deepCopy();
        if (Json.depth(json) > MAX_DEPTH) {
            throw new InvalidAttributesException("attributes are nested deeper than " + MAX_DEPTH + " levels");
        }
        ObjectNode withoutNonce = json.deepCopy();
        withoutNonce.remove(NONCE);
        if (Json.toBytes(withoutNonce).length > MAX_JSON_BYTES) {
            throw new InvalidAttributesException("attributes are larger than " + MAX_JSON_BYTES + " bytes of JSON");
        }
        String name = json.has(NAME) ? checkedName(json.get(NAME)) : null;
        String nonce = json.has(NONCE) ? checkedNonce(json.get(NONCE)) : null;
        Permissions permissions = json.has(PERMISSIONS) ? checkedPermissions(json.get(PERMISSIONS)) : null;
        Audience audience = json.has(AUDIENCE) ? Audience.fromJson(json.get(AUDIENCE)) : null;
        return new Attributes(json, name, nonce, permissions, audience);
    }

    /**
     * Validates the attributes an application asks a session for: as {@link #fromJson}, and only the {@link #KNOWN}
     * keys, since the wallet signs every attribute and shows only those it knows.
     *
     * @throws InvalidAttributesException if it breaks a rule above or holds another key
     */
    public static Attributes fromRequest(JsonNode node) throws InvalidAttributesException {
        Attributes checked = fromJson(node);
        for (String key : (Iterable<String>) node::fieldNames) {
            if (!KNOWN.contains(key)) {
                throw new InvalidAttributesException("attributes." + Texts.clip(key, 40) + " is not an attribute a"
                        + " session can ask for: only name, permissions and aud (the wallet signs every attribute, and"
                        + " shows these)");
            }
        }
        return checked;
    }

    /** The application's name as it asked to be shown: self-asserted, so show it marked as unverified. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The nonce Bifrost added to the session. */
    public Optional<String> nonce() {
        return Optional.ofNullable(nonce);
    }

    public Optional<Permissions> permissions() {
        return Optional.ofNullable(permissions);
    }

    /** The APIs the token is for ({@code aud}); empty: the document's tokens, for any API that accepts them. */
    public Optional<Audience> audience() {
        return Optional.ofNullable(audience);
    }

    /** The members other than name, nonce, permissions and aud: none in a session this bridge opened. */
    public ObjectNode unknown() {
        ObjectNode rest = others();
        rest.remove(AUDIENCE);
        return rest;
    }

    /**
     * These attributes with {@code name} set.
     *
     * @throws InvalidAttributesException if the name breaks the rules or the attributes grow too large
     */
    public Attributes withName(String name) throws InvalidAttributesException {
        Objects.requireNonNull(name, "name");
        ObjectNode copy = json.deepCopy();
        copy.put(NAME, name);
        return fromJson(copy);
    }

    /**
     * These attributes with {@code permissions} set.
     *
     * @throws InvalidAttributesException if the attributes grow too large or deep
     */
    public Attributes withPermissions(Permissions permissions) throws InvalidAttributesException {
        Objects.requireNonNull(permissions, "permissions");
        ObjectNode copy = json.deepCopy();
        copy.set(PERMISSIONS, permissions.toJsonNode());
        return fromJson(copy);
    }

    /**
     * These attributes with {@code aud} set.
     *
     * @throws InvalidAttributesException if the attributes grow too large
     */
    public Attributes withAudience(Audience audience) throws InvalidAttributesException {
        Objects.requireNonNull(audience, "audience");
        ObjectNode copy = json.deepCopy();
        copy.set(AUDIENCE, audience.toJsonNode());
        return fromJson(copy);
    }

    /**
     * These attributes with a new random nonce of 128 bits (22 base64url characters), replacing any nonce the
     * application sent: the nonce is Bifrost's. Cannot fail: the nonce does not count towards the size limit.
     */
    public Attributes withFreshNonce(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        String fresh = Base64Url.encode(bytes);
        ObjectNode copy = json.deepCopy();
        copy.put(NONCE, fresh);
        return new Attributes(copy, name, fresh, permissions, audience);
    }

    /** A deep copy of the JSON tree, e.g. to embed in a response. */
    public ObjectNode toJsonNode() {
        return json.deepCopy();
    }

    /** Compact JSON. */
    public String toJson() {
        return Json.toText(json);
    }

    /** The members other than name, nonce and permissions, for comparing the rest of two attribute objects. */
    ObjectNode others() {
        ObjectNode others = json.deepCopy();
        others.remove(NAME);
        others.remove(NONCE);
        others.remove(PERMISSIONS);
        return others;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** The JSON with the nonce left out: it binds a token to a session, so it stays out of logs. */
    @Override
    public String toString() {
        ObjectNode shown = json.deepCopy();
        if (shown.has(NONCE)) {
            shown.put(NONCE, "redacted");
        }
        return "Attributes" + Json.toText(shown);
    }

    private static String checkedName(JsonNode node) throws InvalidAttributesException {
        if (!node.isTextual()) {
            throw new InvalidAttributesException("attributes.name is not a string");
        }
        String problem = Texts.displayTextProblem(node.textValue(), MAX_NAME_LENGTH);
        if (problem != null) {
            throw new InvalidAttributesException("attributes.name " + problem);
        }
        return node.textValue();
    }

    private static Permissions checkedPermissions(JsonNode node) throws InvalidAttributesException {
        try {
            return Permissions.fromJson(node);
        } catch (InvalidAttributesException e) {
            throw new InvalidAttributesException("attributes." + e.getMessage());
        }
    }

    private static String checkedNonce(JsonNode node) throws InvalidAttributesException {
        if (!node.isTextual() || !Texts.isPrintableAscii(node.textValue(), MAX_NONCE_LENGTH)) {
            throw new InvalidAttributesException("attributes.nonce is not a string of 1.." + MAX_NONCE_LENGTH
                    + " printable US-ASCII characters");
        }
        return node.textValue();
    }
}
