package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code aud} attribute: the APIs a delegation token is for, as the base URLs of those APIs, e.g.
 * {@code "https://api.example.com"} or {@code ["https://api.example.com", "https://other.example/v2"]}. The wallet
 * shows it before signing; an API that checks it accepts a token only if one of the URLs is its own.
 *
 * <p>Rules: a string or an array of 1..{@value #MAX_URLS} distinct strings, each an absolute {@code http} or {@code
 * https} URL of printable US-ASCII, at most {@value RequestUrl#MAX_LENGTH} characters, with a host, without user
 * info, query or fragment. URLs are compared in {@link RequestUrl}'s normal form (scheme and host in lower case,
 * default port dropped, empty path as {@code /}). Immutable.
 */
public final class Audience {
    /** Most URLs in one audience. */
    public static final int MAX_URLS = 10;

    private final JsonNode json;
    private final List<String> urls;
    private final List<String> normalized;

    private Audience(JsonNode json, List<String> urls, List<String> normalized) {
        this.json = json;
        this.urls = List.copyOf(urls);
        this.normalized = List.copyOf(normalized);
    }

    /**
     * An audience of the given URLs (a string for one, an array for more).
     *
     * @throws InvalidAttributesException if it breaks a rule above
     */
    public static Audience of(List<String> urls) throws InvalidAttributesException {
        Objects.requireNonNull(urls, "urls");
        if (urls.size() == 1) {
            return fromJson(JsonNodeFactory.instance.textNode(urls.get(0)));
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        urls.forEach(array::add);
        return fromJson(array);
    }

    static Audience fromJson(JsonNode node) throws InvalidAttributesException {
        List<JsonNode> entries = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(entries::add);
        } else {
            entries.add(node);
        }
        if (entries.isEmpty() || entries.size() > MAX_URLS) {
            throw new InvalidAttributesException("attributes.aud must name 1.." + MAX_URLS + " URLs");
        }
        List<String> urls = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (JsonNode entry : entries) {
            String url = entry.isTextual() ? entry.textValue() : "";
            Optional<String> normal = Texts.isPrintableAscii(url, RequestUrl.MAX_LENGTH) && url.indexOf('?') < 0
                    && url.indexOf('#') < 0 ? RequestUrl.normalize(url) : Optional.empty();
            if (normal.isEmpty()) {
                throw new InvalidAttributesException("attributes.aud must hold absolute http(s) URLs without user"
                        + " info, query or fragment" + (entry.isTextual() ? ", not " + Texts.quote(url) : ""));
            }
            if (normalized.contains(normal.get())) {
                throw new InvalidAttributesException("attributes.aud names " + Texts.quote(url) + " twice");
            }
            urls.add(url);
            normalized.add(normal.get());
        }
        return new Audience(node.deepCopy(), urls, normalized);
    }

    /** The URLs as the application wrote them. */
    public List<String> urls() {
        return urls;
    }

    /** Whether the API at {@code apiUrl} (its base URL, as it names itself) is one of the audience. */
    public boolean includes(String apiUrl) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        return RequestUrl.normalize(apiUrl).filter(normalized::contains).isPresent();
    }

    JsonNode toJsonNode() {
        return json.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audience other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Audience" + urls;
    }
}
