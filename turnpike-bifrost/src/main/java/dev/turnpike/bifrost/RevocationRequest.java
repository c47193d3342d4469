package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A wallet's signed request to revoke a delegation token it issued: a compact JWS signed by the wallet's (issuer's)
 * key, header {@code {"alg":"Ed25519","typ":"JWT","tkt":"revoke"}}, payload
 * <pre>{@code
 * {"issuer":"<base58 key>", "token_hash":"<base64url SHA-256 of the token>", "expiration":"2025-04-28T20:50:41Z",
 *  "created":"2025-04-28T09:00:00Z", "nonce":"<random>", "token":"<the token itself>"}
 * }</pre>
 * {@code expiration} (when the revocation may be forgotten) and {@code token} are optional; with {@code token}, the
 * verifier checks that the signer issued it and takes the hash and expiration from it. Without it, nothing tells who
 * issued the token of that hash, so the revocation is recorded in the signer's name only: it refuses a token of that
 * hash only if the signer issued it. A wallet can thus revoke only its own tokens either way. An instance is a
 * request {@link RevocationVerifier} accepted.
 */
public final class RevocationRequest {
    /** The header member that tells a revocation request from a token ({@code tkt}, "token kind"). */
    static final String KIND = "tkt";
    static final String KIND_VALUE = "revoke";
    static final String ISSUER = "issuer";
    static final String TOKEN_HASH = "token_hash";
    static final String EXPIRATION = "expiration";
    static final String CREATED = "created";
    static final String NONCE = "nonce";
    static final String TOKEN = "token";
    static final int MAX_NONCE_LENGTH = 128;
    private static final int NONCE_BYTES = 16;

    private final Ed25519PublicKey issuer;
    private final TokenHash tokenHash;
    private final Optional<Instant> expiration;
    private final Instant created;

    RevocationRequest(Ed25519PublicKey issuer, TokenHash tokenHash, Optional<Instant> expiration, Instant created) {
        this.issuer = issuer;
        this.tokenHash = tokenHash;
        this.expiration = expiration;
        this.created = created;
    }

    /**
     * The request to revoke {@code token} (its compact text), signed by {@code issuer}; it carries the token, so the
     * bridge can check that {@code issuer} issued it. The caller need not verify the token first.
     */
    public static String sign(Ed25519KeyPair issuer, String token, Instant now, SecureRandom random) {
        ObjectNode payload = payload(issuer, TokenHash.of(Objects.requireNonNull(token, "token")), Optional.empty(),
                now, random);
        return Jws.sign(issuer, JwsAlgorithm.ED25519, DelegationToken.TYPE, header(), payload.put(TOKEN, token));
    }

    /** The request to revoke the token of hash {@code tokenHash}, which {@code issuer} issued, by the hash alone. */
    public static String sign(Ed25519KeyPair issuer, TokenHash tokenHash, Optional<Instant> expiration, Instant now,
            SecureRandom random) {
        return Jws.sign(issuer, JwsAlgorithm.ED25519, DelegationToken.TYPE, header(),
                payload(issuer, Objects.requireNonNull(tokenHash, "tokenHash"), expiration, now, random));
    }

    private static ObjectNode header() {
        return Json.newObject().put(KIND, KIND_VALUE);
    }

    private static ObjectNode payload(Ed25519KeyPair issuer, TokenHash tokenHash, Optional<Instant> expiration,
            Instant now, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ObjectNode payload = Json.newObject()
                .put(ISSUER, issuer.publicKey().toBase58())
                .put(TOKEN_HASH, tokenHash.toBase64Url());
        expiration.ifPresent(e -> payload.put(EXPIRATION, Timestamps.format(e)));
        return payload.put(CREATED, Timestamps.format(now)).put(NONCE, Base64Url.encode(nonce));
    }

    /** The wallet that signed the request: the revocation is in its name. */
    public Ed25519PublicKey issuer() {
        return issuer;
    }

    public TokenHash tokenHash() {
        return tokenHash;
    }

    /** The token's expiration: from the token when the request carried it, else as the wallet said, if it did. */
    public Optional<Instant> expiration() {
        return expiration;
    }

    public Instant created() {
        return created;
    }

    @Override
    public String toString() {
        return "RevocationRequest[issuer=" + issuer.fingerprint() + ", tokenHash=" + tokenHash + "]";
    }
}
