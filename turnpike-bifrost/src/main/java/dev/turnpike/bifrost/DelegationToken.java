package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A Bifrost delegation token whose signature has been verified: the wallet's key ({@link #issuer()}) delegates to
 * the application's key ({@link #delegatedKey()}) from {@link #created()} to {@link #expiration()}, with
 * {@link #attributes()}.
 *
 * <p>The wire form is a compact JWS, header {@code {"alg":"Ed25519","typ":"JWT"}}, payload
 * <pre>{@code
 * {"created":"2025-04-28T08:50:41Z", "expiration":"2025-04-28T20:50:41Z",
 *  "issuer":"<base58 key>", "delegatedKey":"<base58 key>", "attributes":{"nonce":…, "name":…, "permissions":…}}
 * }</pre>
 * Other payload members are allowed and ignored.
 *
 * <p>Instances exist only as the result of a verifier ({@link DelegationVerifier}, {@link AccessVerifier}), so
 * holding one means its signature was checked. The wallet role makes tokens with {@link #sign}. The compact form is
 * a bearer credential: {@link #toString()} leaves it out.
 */
public final class DelegationToken {
    static final String TYPE = "JWT";
    static final String CREATED = "created";
    static final String EXPIRATION = "expiration";
    static final String ISSUER = "issuer";
    static final String DELEGATED_KEY = "delegatedKey";
    static final String ATTRIBUTES = "attributes";

    private final String compact;
    private final JwsAlgorithm algorithm;
    private final Ed25519PublicKey issuer;
    private final Ed25519PublicKey delegatedKey;
    private final Instant created;
    private final Instant expiration;
    private final Attributes attributes;

    DelegationToken(String compact, JwsAlgorithm algorithm, Ed25519PublicKey issuer, Ed25519PublicKey delegatedKey,
            Instant created, Instant expiration, Attributes attributes) {
        this.compact = compact;
        this.algorithm = algorithm;
        this.issuer = issuer;
        this.delegatedKey = delegatedKey;
        this.created = created;
        this.expiration = expiration;
        this.attributes = attributes;
    }

    /**
     * Signs a token as the wallet does, with {@code alg} {@code Ed25519}. Times are written in whole seconds.
     *
     * @param issuer       the wallet's (user's) key pair
     * @param delegatedKey the application's public key, from the session
     * @param attributes   the session's attributes, nonce included, as they were requested
     * @throws IllegalArgumentException if {@code expiration} is not after {@code created} (in whole seconds) or a
     *                                  time lies outside 1970..9999
     */
    public static String sign(Ed25519KeyPair issuer, Ed25519PublicKey delegatedKey, Attributes attributes,
            Instant created, Instant expiration) {
        return sign(JwsAlgorithm.ED25519, issuer, delegatedKey, attributes, created, expiration);
    }

    /** As {@link #sign(Ed25519KeyPair, Ed25519PublicKey, Attributes, Instant, Instant)}, with the given {@code alg}. */
    public static String sign(JwsAlgorithm algorithm, Ed25519KeyPair issuer, Ed25519PublicKey delegatedKey,
            Attributes attributes, Instant created, Instant expiration) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(delegatedKey, "delegatedKey");
        Objects.requireNonNull(attributes, "attributes");
        String createdText = Timestamps.format(Objects.requireNonNull(created, "created"));
        String expirationText = Timestamps.format(Objects.requireNonNull(expiration, "expiration"));
        if (!Timestamps.parse(expirationText).orElseThrow().isAfter(Timestamps.parse(createdText).orElseThrow())) {
            throw new IllegalArgumentException("expiration " + expirationText + " is not after created " + createdText);
        }
        ObjectNode payload = Json.newObject()
                .put(CREATED, createdText)
                .put(EXPIRATION, expirationText)
                .put(ISSUER, issuer.publicKey().toBase58())
                .put(DELEGATED_KEY, delegatedKey.toBase58());
        payload.set(ATTRIBUTES, attributes.toJsonNode());
        return Jws.sign(issuer, algorithm, TYPE, payload);
    }

    /** The token exactly as received: a bearer credential, keep it out of logs. */
    public String compact() {
        return compact;
    }

    /** The {@code alg} it was signed under. */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The wallet's (user's) key, which signed the token: show this one to the user. */
    public Ed25519PublicKey issuer() {
        return issuer;
    }

    /** The application's key, which the token delegates to. */
    public Ed25519PublicKey delegatedKey() {
        return delegatedKey;
    }

    public Instant created() {
        return created;
    }

    public Instant expiration() {
        return expiration;
    }

    /** {@code expiration - created}. */
    public Duration lifetime() {
        return Duration.between(created, expiration);
    }

    public Attributes attributes() {
        return attributes;
    }

    /** Everything but the compact form (a credential). */
    @Override
    public String toString() {
        return "DelegationToken[issuer=" + issuer.fingerprint() + ", delegatedKey=" + delegatedKey.fingerprint()
                + ", created=" + created + ", expiration=" + expiration + ", name=" + attributes.name().orElse("")
                + "]";
    }
}
