package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import java.time.Instant;
import java.util.function.Function;

/**
 * A delegation token read but not yet verified; {@link #verify()} turns it into a {@link DelegationToken}. Its
 * steps are separate so that each verifier can put its own checks between them.
 */
final class UnverifiedToken {
    private final String compact;
    private final Jws.Parsed jws;
    private final Ed25519PublicKey issuer;
    private final Ed25519PublicKey delegatedKey;
    private final Instant created;
    private final Instant expiration;
    private final ObjectNode attributes;

    private UnverifiedToken(String compact, Jws.Parsed jws, Ed25519PublicKey issuer, Ed25519PublicKey delegatedKey,
            Instant created, Instant expiration, ObjectNode attributes) {
        this.compact = compact;
        this.jws = jws;
        this.issuer = issuer;
        this.delegatedKey = delegatedKey;
        this.created = created;
        this.expiration = expiration;
        this.attributes = attributes;
    }

    /**
     * Reads the JWS and the claims: {@link Reason#MALFORMED} (syntax, claims missing or of the wrong type, a
     * {@code delegatedKey} that is no valid key), {@link Reason#UNSUPPORTED_ALGORITHM}, then
     * {@link Reason#INVALID_ISSUER_KEY}.
     *
     * @param knownKeys already validated keys by base58 text (null if unknown), reused instead of validating again
     *                  (base58 is canonical, so equal text means an equal key)
     */
    static UnverifiedToken parse(String compact, Function<String, Ed25519PublicKey> knownKeys) throws Refusal {
        Jws.Parsed jws = Jws.parse(compact, DelegationToken.TYPE, false);
        ObjectNode payload = jws.payload();
        Instant created = time(payload, DelegationToken.CREATED);
        Instant expiration = time(payload, DelegationToken.EXPIRATION);
        String issuerText = text(payload, DelegationToken.ISSUER);
        String delegatedKeyText = text(payload, DelegationToken.DELEGATED_KEY);
        JsonNode attributes = payload.get(DelegationToken.ATTRIBUTES);
        if (attributes == null || !attributes.isObject()) {
            throw new Refusal(Reason.MALFORMED, "the payload has no attributes object");
        }
        Ed25519PublicKey delegatedKey;
        try {
            delegatedKey = key(delegatedKeyText, knownKeys);
        } catch (KeyFormatException e) {
            throw new Refusal(Reason.MALFORMED, "delegatedKey: " + e.getMessage());
        }
        Ed25519PublicKey issuer;
        try {
            issuer = key(issuerText, knownKeys);
        } catch (KeyFormatException e) {
            throw new Refusal(Reason.INVALID_ISSUER_KEY, "issuer: " + e.getMessage());
        }
        return new UnverifiedToken(compact, jws, issuer, delegatedKey, created, expiration, (ObjectNode) attributes);
    }

    Ed25519PublicKey issuer() {
        return issuer;
    }

    Instant expiration() {
        return expiration;
    }

    /** {@link Reason#BAD_SIGNATURE}, then {@link Reason#ATTRIBUTES_INVALID}. */
    DelegationToken verify() throws Refusal {
        if (!jws.isSignedBy(issuer)) {
            throw new Refusal(Reason.BAD_SIGNATURE, "the signature is not the issuer's (" + issuer.fingerprint()
                    + ") over this header and payload");
        }
        Attributes checked;
        try {
            checked = Attributes.fromJson(attributes);
        } catch (InvalidAttributesException e) {
            throw new Refusal(Reason.ATTRIBUTES_INVALID, e.getMessage());
        }
        return new DelegationToken(compact, jws.algorithm(), issuer, delegatedKey, created, expiration, checked);
    }

    private static Ed25519PublicKey key(String base58, Function<String, Ed25519PublicKey> knownKeys)
            throws KeyFormatException {
        Ed25519PublicKey known = knownKeys.apply(base58);
        return known != null ? known : Ed25519PublicKey.fromBase58(base58);
    }

    /** {@link Reason#MALFORMED} unless {@code claim} is a string. */
    static String text(ObjectNode payload, String claim) throws Refusal {
        JsonNode node = payload.get(claim);
        if (node == null || !node.isTextual()) {
            throw new Refusal(Reason.MALFORMED, "the payload has no " + claim + " string");
        }
        return node.textValue();
    }

    /** {@link Reason#MALFORMED} unless {@code claim} is a strict UTC timestamp (see {@link Timestamps}). */
    static Instant time(ObjectNode payload, String claim) throws Refusal {
        String text = text(payload, claim);
        return Timestamps.parse(text).orElseThrow(() -> new Refusal(Reason.MALFORMED, claim + " "
                + Texts.quote(text) + " is not an ISO-8601 UTC time such as 2025-04-28T08:50:41Z"));
    }
}
