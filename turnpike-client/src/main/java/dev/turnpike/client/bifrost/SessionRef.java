package dev.turnpike.client.bifrost;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a session is: the bridge's base URL (its API is under {@code /api/auth}) and the session id.
 *
 * @param bridge the bridge's base URL without a trailing {@code /}, e.g. {@code http://127.0.0.1:8402}
 * @param id     the session id: 1..{@value #MAX_ID_LENGTH} characters of {@code A-Z a-z 0-9 _ -}
 */
public record SessionRef(URI bridge, String id) {
    public static final int MAX_ID_LENGTH = 128;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ID_LENGTH + "}");
    private static final String PAGE_PATH = "/auth/session/";
    private static final String API_PATH = "/api/auth/";

    /** @throws IllegalArgumentException if the bridge is not a base URL or the id is not of the form above */
    public SessionRef {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(id, "id");
        if (!bridge.equals(bridgeBase(bridge))) {
            throw new IllegalArgumentException("not a bridge base URL: " + bridge);
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a session id: " + UntrustedText.printable(id, 40));
        }
    }

    /**
     * The session that {@code text} names: a session page URL ({@code …/auth/session/<id>}, as the application shows
     * it), an API URL ({@code …/api/auth/<id>}), a wallet deep link with a {@code session} parameter (e.g. {@code
     * sea://auth?session=<id>}) or a bare id; the last two need {@code bridge}.
     *
     * @throws IllegalArgumentException if it is none of these, if a URL and {@code bridge} disagree, or if a deep
     *                                  link or an id comes without a bridge
     */
    public static SessionRef parse(String text, Optional<URI> bridge) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(bridge, "bridge");
        String t = text.strip();
        if (ID.matcher(t).matches()) {
            return new SessionRef(bridgeBase(bridge.orElseThrow(() -> new IllegalArgumentException(
                    "a bare session id needs the bridge's URL (--bifrost)"))), t);
        }
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("neither a session URL nor a session id: "
                    + UntrustedText.printable(t, 60));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            String id = sessionParameter(uri).orElseThrow(() -> new IllegalArgumentException(
                    "neither a session URL nor a deep link with session=<id>: " + UntrustedText.printable(t, 60)));
            return new SessionRef(bridgeBase(bridge.orElseThrow(() -> new IllegalArgumentException(
                    "a deep link holds only the session id: give the bridge's URL (--bifrost)"))), id);
        }
        SessionRef ref = fromSessionUrl(uri);
        if (bridge.isPresent() && !bridgeBase(bridge.get()).equals(ref.bridge())) {
            throw new IllegalArgumentException("the session URL is on " + ref.bridge() + ", not on --bifrost "
                    + bridge.get());
        }
        return ref;
    }

    /** Whether {@code text} has the form of a session id. */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /**
     * {@code uri} as a bridge base URL: absolute http(s), no query or fragment, without trailing {@code /}.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static URI bridgeBase(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the bridge URL must be an absolute http(s) URL without user, query or"
                    + " fragment, e.g. http://127.0.0.1:8402: " + UntrustedText.printable(uri.toString(), 80));
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** {@code {bridge}/api/auth/{id}}: read, approve, cancel. */
    public URI apiUri() {
        return URI.create(bridge + API_PATH + id);
    }

    /** {@code {bridge}/api/auth/{id}/events}: the state as server-sent events. */
    URI eventsUri() {
        return URI.create(apiUri() + "/events");
    }

    /** {@code {bridge}/api/auth/{id}/deny}. */
    URI denyUri() {
        return URI.create(apiUri() + "/deny");
    }

    /** The id is in the session page's URL and fetches the token under the original protocol: left out. */
    @Override
    public String toString() {
        return "SessionRef[" + bridge + "]";
    }

    private static SessionRef fromSessionUrl(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String marker : new String[] {PAGE_PATH, API_PATH}) {
            int at = path.lastIndexOf(marker);
            if (at >= 0) {
                String id = path.substring(at + marker.length());
                String base = uri.getScheme() + "://" + uri.getRawAuthority() + path.substring(0, at);
                return new SessionRef(bridgeBase(URI.create(base)), id);
            }
        }
        throw new IllegalArgumentException("not a session URL (…" + PAGE_PATH + "<id> or …" + API_PATH + "<id>): "
                + UntrustedText.printable(uri.toString(), 80));
    }

    private static Optional<String> sessionParameter(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("session=")) {
                return Optional.of(URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
