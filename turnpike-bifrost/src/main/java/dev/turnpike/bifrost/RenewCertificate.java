package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A renew certificate (Sourceful's later revision of Bifrost): the bridge vouches, for a short while, that a
 * delegation token it checked may still be used past its own {@code expiration}. Compact JWS, header
 * {@code {"alg":"Ed25519","typ":"JWT","tkt":"renewcrt"}}, payload
 * <pre>{@code
 * {"iss":"<bridge key, base58>", "created":"2025-04-28T08:50:41Z", "expiration":"2025-04-28T09:00:41Z",
 *  "dtoken":"<the delegation token, compact>", "nonce":"<the token's attributes.nonce, when it has one>"}
 * }</pre>
 * The application wraps it in a {@link RenewToken} signed by its delegated key. Instances exist only as a
 * {@link RenewVerifier}'s result: holding one means the certificate, its token and the renew token were checked.
 */
public final class RenewCertificate {
    static final String TYPE_CLAIM = "tkt";
    static final String TYPE = "renewcrt";
    static final String ISSUER = "iss";
    static final String TOKEN = "dtoken";
    static final String NONCE = "nonce";

    private final Ed25519PublicKey bridge;
    private final Instant created;
    private final Instant expiration;
    private final DelegationToken token;

    RenewCertificate(Ed25519PublicKey bridge, Instant created, Instant expiration, DelegationToken token) {
        this.bridge = bridge;
        this.created = created;
        this.expiration = expiration;
        this.token = token;
    }

    /**
     * Signs a certificate for {@code dtoken} (its text, as the application presented it) as a bridge does.
     *
     * @param nonce the token's {@code attributes.nonce}, or null when it has none
     */
    public static String sign(Ed25519KeyPair bridge, String dtoken, String nonce, Instant created, Instant expiration) {
        ObjectNode payload = Json.newObject()
                .put(ISSUER, bridge.publicKey().toBase58())
                .put(DelegationToken.CREATED, Timestamps.format(created))
                .put(DelegationToken.EXPIRATION, Timestamps.format(expiration))
                .put(TOKEN, Objects.requireNonNull(dtoken, "dtoken"));
        if (nonce != null) {
            payload.put(NONCE, nonce);
        }
        return Jws.sign(bridge, JwsAlgorithm.ED25519, DelegationToken.TYPE, Json.newObject().put(TYPE_CLAIM, TYPE),
                payload);
    }

    /**
     * The end of the grant {@code token} gives, past which no certificate extends it: its {@code created} plus its
     * {@code permissions.expires_in} (how long the wallet granted access for, which may outlast a short token), at
     * most plus {@code maxHorizon}; a token without {@code expires_in} grants no more than its own {@code
     * expiration}. Never before that {@code expiration}.
     */
    public static Instant horizon(DelegationToken token, Duration maxHorizon) {
        OptionalLong expiresIn = token.attributes().permissions().map(Permissions::expiresIn)
                .orElse(OptionalLong.empty());
        if (expiresIn.isEmpty()) {
            return token.expiration();
        }
        Duration granted = Duration.ofSeconds(expiresIn.getAsLong());
        Instant end = token.created().plus(granted.compareTo(maxHorizon) < 0 ? granted : maxHorizon);
        return end.isBefore(token.expiration()) ? token.expiration() : end;
    }

    /** The certificate's claims, read from a parsed JWS whose {@code tkt} was checked; its token is still text. */
    record Claims(Jws.Parsed jws, Ed25519PublicKey bridge, Instant created, Instant expiration, String dtoken,
            Optional<String> nonce) {

        static Claims of(String compact) throws Refusal {
            Jws.Parsed jws = Jws.parse(compact, DelegationToken.TYPE, false, Jws.MAX_NESTING_LENGTH);
            requireType(jws, TYPE, "a renew certificate");
            ObjectNode p = jws.payload();
            Ed25519PublicKey bridge;
            try {
                bridge = Ed25519PublicKey.fromBase58(text(p, ISSUER));
            } catch (KeyFormatException e) {
                throw new Refusal(Reason.MALFORMED, "the certificate's iss: " + e.getMessage());
            }
            Instant created = time(p, DelegationToken.CREATED);
            Instant expiration = time(p, DelegationToken.EXPIRATION);
            if (!expiration.isAfter(created)) {
                throw new Refusal(Reason.MALFORMED, "the certificate expires before it is created");
            }
            Optional<String> nonce = p.has(NONCE) ? Optional.of(text(p, NONCE)) : Optional.empty();
            return new Claims(jws, bridge, created, expiration, text(p, TOKEN), nonce);
        }
    }

    /** Refuses a JWS whose header {@code tkt} is not {@code type}: a certificate is no renew token and no token. */
    static void requireType(Jws.Parsed jws, String type, String what) throws Refusal {
        JsonNode tkt = jws.header().get(TYPE_CLAIM);
        if (tkt == null || !tkt.isTextual() || !tkt.textValue().equals(type)) {
            throw new Refusal(Reason.MALFORMED, "not " + what + ": the header's tkt is not " + Texts.quote(type));
        }
    }

    static String text(ObjectNode payload, String claim) throws Refusal {
        JsonNode node = payload.get(claim);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw new Refusal(Reason.MALFORMED, "the payload has no " + claim + " string");
        }
        return node.textValue();
    }

    private static Instant time(ObjectNode payload, String claim) throws Refusal {
        String text = text(payload, claim);
        return Timestamps.parse(text).orElseThrow(() -> new Refusal(Reason.MALFORMED, "the certificate's " + claim
                + " " + Texts.quote(text) + " is not an ISO-8601 UTC time"));
    }

    /** The bridge key that signed it. */
    public Ed25519PublicKey bridge() {
        return bridge;
    }

    public Instant created() {
        return created;
    }

    /** Until when the renewed token may be used. */
    public Instant expiration() {
        return expiration;
    }

    /** The delegation token it renews: its permissions, audience and keys are the renewed access's. */
    public DelegationToken token() {
        return token;
    }

    @Override
    public String toString() {
        return "RenewCertificate[bridge=" + bridge.fingerprint() + ", created=" + created + ", expiration="
                + expiration + ", token=" + token + "]";
    }
}
