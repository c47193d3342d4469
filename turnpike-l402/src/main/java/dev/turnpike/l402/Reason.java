package dev.turnpike.l402;

/**
 * Why a credential was refused. Exactly one reason is reported: the first failing step of the fixed order
 * documented on {@link L402Verifier}. Suggested HTTP mapping in brackets.
 */
public enum Reason {
    /** The macaroon is not an L402 token: identifier of the wrong length, or third-party caveats. [402/400] */
    MALFORMED,
    /** The identifier's version field is not 0. [402/400] */
    UNKNOWN_VERSION,
    /** {@code sha256(preimage) != identifier.payment_hash}. [402/401] */
    WRONG_PREIMAGE,
    /** No root key is stored for {@code sha256(identifier)}: not minted here, or deleted. [402/401] */
    UNKNOWN_TOKEN,
    /** The HMAC chain does not match the signature: forged or tampered token. [401] */
    BAD_SIGNATURE,
    /** The token id is revoked. [401] */
    REVOKED,
    /** The last {@code <service>_valid_until} is not in the future, or a later one widened an earlier one. [402] */
    EXPIRED,
    /** The service is not in the last {@code services} caveat, there is none, or one widened the previous. [403] */
    SERVICE_NOT_ALLOWED,
    /** The required capability is not in the last {@code <service>_capabilities}, or one widened. [403] */
    CAPABILITY_NOT_ALLOWED,
    /** A configured constraint is not satisfied, or one widened. [403] */
    CONSTRAINT_VIOLATED,
    /**
     * The root key store or the revocation check failed (threw). Not the client's fault: answer 503 and do not
     * issue a new challenge.
     */
    BACKEND_UNAVAILABLE
}
