package dev.turnpike.client.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.Audience;
import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.InvalidAttributesException;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import dev.turnpike.bifrost.session.ConfirmationCode;
import dev.turnpike.bifrost.session.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A session as the bridge shows it without credentials ({@code GET /api/auth/{id}}): what the application asked for,
 * checked. This is what a wallet shows its user before approving, and what the application compares with its own
 * request.
 *
 * @param session          where the session is
 * @param request          the application's key and the attributes with Bifrost's nonce: what the token must repeat
 * @param expiresAt        when the session ends ({@code expiresAt})
 * @param confirmationCode the code the application shows, if the bridge gives one
 * @param state            the session's state, if the bridge says (the original protocol does not)
 * @param maxTokenLifetime the longest token lifetime the bridge accepts, if it says ({@code max_token_lifetime})
 */
public record SessionView(SessionRef session, DelegationRequest request, Instant expiresAt,
        Optional<ConfirmationCode> confirmationCode, Optional<SessionState> state, Optional<Duration> maxTokenLifetime) {

    public SessionView {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(confirmationCode, "confirmationCode");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(maxTokenLifetime, "maxTokenLifetime");
    }

    /** The application's name as it calls itself: unverified, show it marked so. */
    public Optional<String> name() {
        return request.attributes().name();
    }

    public Optional<Permissions> permissions() {
        return request.attributes().permissions();
    }

    /** The APIs the token will be for ({@code aud}); empty: any API that accepts it. */
    public Optional<Audience> audience() {
        return request.attributes().audience();
    }

    /** Attributes other than name, nonce, permissions and aud: signed like the rest, so a wallet shows them too. */
    public ObjectNode otherAttributes() {
        return request.attributes().unknown();
    }

    /** Asks the bridge for its view of {@code session}, without credentials: what anyone with the id may see. */
    static SessionView fetch(BridgeHttp http, SessionRef session) throws BifrostException {
        return parse(session, http.call(BridgeHttp.jsonRequest(session.apiUri()).GET()).json());
    }

    /**
     * Reads the bridge's view of {@code session}.
     *
     * @throws BridgeProtocolException if a member is missing or invalid: {@code delegatedKey} not an Ed25519 key,
     *                                 {@code attributes} breaking their rules or without Bifrost's nonce, {@code
     *                                 expiresAt} not unix seconds, an unknown state or a malformed code
     */
    static SessionView parse(SessionRef session, JsonNode view) throws BridgeProtocolException {
        Ed25519PublicKey delegatedKey;
        try {
            delegatedKey = Ed25519PublicKey.fromBase58(text(view, "delegatedKey"));
        } catch (KeyFormatException e) {
            throw new BridgeProtocolException("the session's delegatedKey is unusable: " + e.getMessage());
        }
        JsonNode attributesJson = view.path("attributes");
        Attributes attributes;
        try {
            attributes = attributesJson.isMissingNode() || attributesJson.isNull() ? Attributes.empty()
                    : Attributes.fromJson(attributesJson);
        } catch (InvalidAttributesException e) {
            throw new BridgeProtocolException("the session's attributes are invalid: " + e.getMessage());
        }
        if (attributes.nonce().isEmpty()) {
            throw new BridgeProtocolException("the session's attributes carry no nonce: Bifrost adds one to every"
                    + " session, and a token without it would answer any session of this application");
        }
        JsonNode expiresAt = view.path("expiresAt");
        if (!expiresAt.isIntegralNumber() || !expiresAt.canConvertToLong() || expiresAt.asLong() < 0
                || expiresAt.asLong() > Instant.MAX.getEpochSecond()) {
            throw new BridgeProtocolException("the session has no expiresAt in unix seconds");
        }
        return new SessionView(session, new DelegationRequest(delegatedKey, attributes),
                Instant.ofEpochSecond(expiresAt.asLong()), code(view), state(view),
                BridgeHttp.positiveSeconds(view.path("max_token_lifetime")));
    }

    private static String text(JsonNode view, String member) throws BridgeProtocolException {
        JsonNode node = view.path(member);
        if (!node.isTextual()) {
            throw new BridgeProtocolException("the session has no " + member + " string");
        }
        return node.asText();
    }

    private static Optional<ConfirmationCode> code(JsonNode view) throws BridgeProtocolException {
        if (!view.has("confirmation_code")) {
            return Optional.empty();
        }
        Optional<ConfirmationCode> code = ConfirmationCode.parse(view.path("confirmation_code").asText(""));
        if (code.isEmpty()) {
            throw new BridgeProtocolException("the session's confirmation_code is not a code such as BCD-FGH");
        }
        return code;
    }

    /** The state, read as the bridge writes it: lower-case names of {@link SessionState}. */
    static Optional<SessionState> state(JsonNode json) throws BridgeProtocolException {
        if (!json.has("state")) {
            return Optional.empty();
        }
        String name = json.path("state").asText("");
        for (SessionState s : SessionState.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(s);
            }
        }
        throw new BridgeProtocolException("the session's state " + UntrustedText.printable(name, 40) + " is unknown");
    }
}
