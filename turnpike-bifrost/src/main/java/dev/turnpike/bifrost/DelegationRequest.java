package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.util.Objects;

/**
 * What an application asked for in a session, and so what the wallet's token must match: the application's
 * (delegated) key and the attributes, including the nonce Bifrost added.
 *
 * @throws IllegalArgumentException if the attributes have no nonce (a request without one cannot be told apart
 *                                  from another)
 */
public record DelegationRequest(Ed25519PublicKey delegatedKey, Attributes attributes) {
    public DelegationRequest {
        Objects.requireNonNull(delegatedKey, "delegatedKey");
        Objects.requireNonNull(attributes, "attributes");
        if (attributes.nonce().isEmpty()) {
            throw new IllegalArgumentException("the attributes of a delegation request carry Bifrost's nonce");
        }
    }

    /** The nonce the token must repeat. */
    public String nonce() {
        return attributes.nonce().orElseThrow();
    }

    /** Key fingerprint and attributes (whose nonce {@link Attributes#toString()} leaves out). */
    @Override
    public String toString() {
        return "DelegationRequest[delegatedKey=" + delegatedKey.fingerprint() + ", attributes=" + attributes + "]";
    }
}
