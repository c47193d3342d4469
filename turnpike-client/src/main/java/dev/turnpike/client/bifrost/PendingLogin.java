package dev.turnpike.client.bifrost;

import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.session.ConfirmationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A session the application opened and the wallet has yet to answer: what to show the user (the QR code of {@link
 * #deepLink()}, the {@link #confirmationCode()}, the {@link #sessionUrl()}) and what {@link BifrostApp#awaitToken}
 * needs. The poll token is a credential: {@link #toString()} leaves it out, and the session id with it.
 */
public final class PendingLogin {

    private final SessionRef session;
    private final String sessionUrl;
    private final String deepLink;
    private final Optional<ConfirmationCode> confirmationCode;
    private final Instant openedAt;
    private final Instant expiresAt;
    private final Duration interval;
    private final DelegationRequest request;
    private final String pollToken;

    PendingLogin(SessionRef session, String sessionUrl, String deepLink, Optional<ConfirmationCode> confirmationCode,
            Instant openedAt, Instant expiresAt, Duration interval, DelegationRequest request, String pollToken) {
        this.session = Objects.requireNonNull(session, "session");
        this.sessionUrl = Objects.requireNonNull(sessionUrl, "sessionUrl");
        this.deepLink = Objects.requireNonNull(deepLink, "deepLink");
        this.confirmationCode = Objects.requireNonNull(confirmationCode, "confirmationCode");
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.request = Objects.requireNonNull(request, "request");
        this.pollToken = pollToken;
    }

    /** The session id ({@code session_id}). */
    public String sessionId() {
        return session.id();
    }

    /** The session page, for people ({@code session_url}); a wallet also takes it. */
    public String sessionUrl() {
        return sessionUrl;
    }

    /** What the QR code holds: the bridge's wallet deep link ({@code deep_link}), else the session page's URL. */
    public String deepLink() {
        return deepLink;
    }

    /** The code to show beside the QR code; the wallet shows the same one. Empty from a bridge without codes. */
    public Optional<ConfirmationCode> confirmationCode() {
        return confirmationCode;
    }

    /** When the session ends, on the bridge's clock; after it, the wallet can no longer approve. */
    public Instant expiresAt() {
        return expiresAt;
    }

    SessionRef session() {
        return session;
    }

    /** When this client opened the session, on its own clock. */
    Instant openedAt() {
        return openedAt;
    }

    /** The plain-polling interval the bridge asked for. */
    Duration interval() {
        return interval;
    }

    /** The application's key and the attributes as the bridge recorded them, nonce included. */
    DelegationRequest request() {
        return request;
    }

    /** The secret that reads the token; empty from a bridge of the original protocol, which has none. */
    Optional<String> pollToken() {
        return Optional.ofNullable(pollToken);
    }

    @Override
    public String toString() {
        return "PendingLogin[" + session.bridge() + ", code="
                + confirmationCode.map(ConfirmationCode::display).orElse("none")
                + ", expiresAt=" + expiresAt + ", pollToken=" + (pollToken == null ? "none" : "redacted") + "]";
    }
}
