package dev.turnpike.gateway.bifrost;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Bifrost session as the store keeps it. Holds no secret that opens it: the id and the poll token are kept only as
 * SHA-256 hashes. The wallet's signed token is kept from approval until the application fetches it (then dropped).
 *
 * @param key              SHA-256 of the session id
 * @param delegatedKey     the application's Ed25519 public key, base58
 * @param attributesJson   the attributes as requested, with the nonce Bifrost added (compact JSON)
 * @param confirmationCode the short code shown on both screens
 * @param pollTokenHash    SHA-256 of the poll token
 * @param state            as last written (a pending session past {@code expiresAt} is expired: see {@link #stateAt})
 * @param token            the approved delegation token (compact JWS) until consumed, else null
 * @param createdAt        when the application opened it
 * @param expiresAt        when it stops answering
 * @param updatedAt        the last state change
 * @param creatorIp        the address the application opened it from (for the audit log and rate limits)
 */
public record StoredSession(SessionKey key, String delegatedKey, String attributesJson, String confirmationCode,
        byte[] pollTokenHash, SessionState state, String token, Instant createdAt, Instant expiresAt,
        Instant updatedAt, String creatorIp) {

    public StoredSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delegatedKey, "delegatedKey");
        Objects.requireNonNull(attributesJson, "attributesJson");
        Objects.requireNonNull(confirmationCode, "confirmationCode");
        pollTokenHash = pollTokenHash.clone();
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(creatorIp, "creatorIp");
    }

    @Override
    public byte[] pollTokenHash() {
        return pollTokenHash.clone();
    }

    public Optional<String> approvedToken() {
        return Optional.ofNullable(token);
    }

    /** Whether {@code now} is past the session's life: then every call answers {@code expired_token}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The state as clients see it at {@code now}: an open session past its life is expired. */
    public SessionState stateAt(Instant now) {
        return isExpiredAt(now) && !state.isFinal() ? SessionState.EXPIRED : state;
    }

    @Override
    public String toString() {
        return "StoredSession[" + key + ", " + state + ", expires " + expiresAt + (token == null ? "" : ", token …") + "]";
    }
}
