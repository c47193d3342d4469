package dev.turnpike.bifrost;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AccessVerifier} grants: the verified token, and the accepted proof of possession if one was presented
 * (its {@link PopProof#jti()} is what a replay cache keeps).
 */
public record Access(DelegationToken token, Optional<PopProof> proof) {
    public Access {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(proof, "proof");
    }
}
