package dev.turnpike.bifrost;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AccessVerifier} grants: the verified token, and the accepted proof of possession if one was presented
 * and checked (its {@link PopProof#jti()} now in the replay cache).
 */
public record Access(DelegationToken token, Optional<PopProof> proof) {
    public Access {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(proof, "proof");
    }
}
