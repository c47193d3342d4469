package dev.turnpike.bifrost;

/**
 * Why a delegation token or a proof of possession was refused: exactly one reason, the first failing step of the
 * verifier's fixed order ({@link DelegationVerifier}, {@link AccessVerifier}, {@link PopVerifier}). Each reason has
 * a stable machine-readable {@link #code()} for API errors and a short human {@link #message()}; the refusal's
 * detail adds what exactly was wrong.
 */
public enum Reason {
    /** Not a compact JWS we can read: framing, base64url, header or payload JSON, sizes, missing claims. */
    MALFORMED("malformed_token", "the token is not a well-formed Bifrost delegation token"),
    /** The header's {@code alg} is not {@code Ed25519} or {@code EdDSA} ({@code none}, {@code HS256}, …). */
    UNSUPPORTED_ALGORITHM("unsupported_algorithm", "the token's signature algorithm is not accepted"),
    /** {@code issuer} is not a base58 Ed25519 public key of 32 bytes that is a valid point. */
    INVALID_ISSUER_KEY("invalid_issuer_key", "the token's issuer is not a valid Ed25519 public key"),
    /** {@link AccessVerifier} only: the issuer is not one of the trusted issuers. */
    UNTRUSTED_ISSUER("untrusted_issuer", "the token's issuer is not trusted here"),
    /** The signature is not the issuer's over the received header and payload. */
    BAD_SIGNATURE("bad_signature", "the token's signature does not verify with the issuer's key"),
    /** The token's attributes break the rules of {@link Attributes} (name, nonce, permissions, size, depth). */
    ATTRIBUTES_INVALID("attributes_invalid", "the token's attributes are invalid"),
    /** {@link DelegationVerifier} only: {@code delegatedKey} is not the session's key. */
    WRONG_DELEGATED_KEY("wrong_delegated_key", "the token delegates to another key than the session's"),
    /** {@link DelegationVerifier} only: {@code attributes.nonce} is not the session's nonce. */
    NONCE_MISMATCH("nonce_mismatch", "the token's nonce is not the session's"),
    /** {@link DelegationVerifier} only: {@code attributes.name} differs from the requested name. */
    NAME_CHANGED("name_changed", "the token's application name differs from the requested one"),
    /** {@link DelegationVerifier} only: the permissions are wider than requested (see {@link Permissions}). */
    PERMISSIONS_WIDENED("permissions_widened", "the token allows more than was requested"),
    /** {@link DelegationVerifier} only: another attribute was added, removed or changed. */
    ATTRIBUTES_CHANGED("attributes_changed", "the token's attributes differ from the requested ones"),
    /** {@code expiration} is not after {@code created}. */
    EXPIRATION_NOT_AFTER_CREATED("expiration_not_after_created", "the token expires before it is created"),
    /** The lifetime exceeds the maximum, or the token's own {@code permissions.expires_in}. */
    LIFETIME_TOO_LONG("lifetime_too_long", "the token lives longer than allowed"),
    /** {@link DelegationVerifier} only: {@code created} is not within the clock skew of now. */
    CREATED_OUT_OF_SKEW("created_out_of_skew", "the token was not created now"),
    /** {@link AccessVerifier} only: {@code created} is later than now plus the clock skew. */
    NOT_YET_VALID("not_yet_valid", "the token is not valid yet"),
    /** {@code expiration} has passed (for {@link AccessVerifier}, by more than the clock skew). */
    EXPIRED("expired", "the token has expired"),
    /** {@link RenewVerifier} only: the renew certificate's {@code iss} is not a bridge key trusted here. */
    UNTRUSTED_BRIDGE("untrusted_bridge", "the renew certificate is not from a bridge trusted here"),
    /** {@link RenewVerifier} only: the certificate's signature is not its bridge's. */
    CERTIFICATE_BAD_SIGNATURE("certificate_bad_signature", "the renew certificate's signature does not verify"),
    /** {@link RenewVerifier} only: the certificate's {@code expiration} has passed (or it is not valid yet). */
    CERTIFICATE_EXPIRED("certificate_expired", "the renew certificate is not valid now"),
    /** {@link RenewVerifier} only: the certificate's {@code nonce} is not its token's {@code attributes.nonce}. */
    CERTIFICATE_MISMATCH("certificate_mismatch", "the renew certificate is not for its token"),
    /** {@link RenewVerifier} only: the renew token is not signed by the token's delegated key. */
    RENEW_BAD_SIGNATURE("renew_bad_signature", "the renew token is not signed by the delegated key"),
    /** Renewal past the grant's end: the token's {@code created} plus its {@code expires_in} or the horizon. */
    BEYOND_RENEWAL_HORIZON("beyond_renewal_horizon", "the grant has ended: the token cannot be renewed"),
    /** {@link AccessVerifier}'s callers: the token's issuer or the operator revoked it (by its {@link TokenHash}). */
    REVOKED("revoked", "the token has been revoked"),
    /** {@link AccessVerifier} only: a proof of possession is required and none was presented. */
    PROOF_MISSING("proof_missing", "a proof of possession of the delegated key is required"),
    /** The proof is not a well-formed proof JWS (framing, {@code alg}, {@code typ}, claims). */
    PROOF_MALFORMED("proof_malformed", "the proof of possession is not well-formed"),
    /** {@link RevocationVerifier} only: the revocation request carries a token that its signer did not issue. */
    NOT_ISSUER("not_issuer", "only the token's issuer may revoke it"),
    /** A DPoP proof's header {@code jwk} is not the token's delegated key. */
    PROOF_WRONG_KEY("proof_wrong_key", "the proof is made with another key than the token's delegated key"),
    /** The proof's signature is not the expected (delegated) key's. */
    PROOF_BAD_SIGNATURE("proof_bad_signature", "the proof is not signed by the delegated key"),
    /** The proof's {@code htm} is not the request's method. */
    PROOF_WRONG_METHOD("proof_wrong_method", "the proof was made for another HTTP method"),
    /** The proof's {@code htu} is not the request's URL (query and fragment ignored). */
    PROOF_WRONG_URL("proof_wrong_url", "the proof was made for another URL"),
    /** The proof's {@code session} claim is not the expected one, or present where none is expected. */
    PROOF_WRONG_SESSION("proof_wrong_session", "the proof was made for another session"),
    /** A DPoP proof's {@code ath} is not the hash of the token it came with (or a bridge proof has one). */
    PROOF_WRONG_TOKEN("proof_wrong_token", "the proof was made for another token"),
    /** The proof's {@code iat} is too long ago or too far ahead (by default 60 s before now, 5 s after). */
    PROOF_STALE("proof_stale", "the proof was not made now"),
    /** The proof's key and {@code jti} were accepted before, within the proof's window. */
    PROOF_REPLAYED("proof_replayed", "the proof was used before"),
    /** The replay cache is full: the proof cannot be checked for replay now (a server condition, not the client's). */
    PROOF_REPLAY_UNCHECKED("proof_replay_unchecked", "the proof cannot be checked for replay right now");

    private final String code;
    private final String message;

    Reason(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** Stable, lower-case, machine-readable, e.g. {@code nonce_mismatch}; safe to put in API errors. */
    public String code() {
        return code;
    }

    /** A short human description, e.g. for the {@code title} of a problem+json answer. */
    public String message() {
        return message;
    }
}
