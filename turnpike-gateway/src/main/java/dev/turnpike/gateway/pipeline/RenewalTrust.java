package dev.turnpike.gateway.pipeline;

import dev.turnpike.bifrost.DelegationRevocations;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.util.List;
import java.util.Objects;

/**
 * What every delegated service trusts for renewal: this gateway's own bridge key (when the bridge runs here), to
 * which each service adds its {@code bridges}, and the revocations a renewed token is checked against.
 */
record RenewalTrust(List<Ed25519PublicKey> bridges, DelegationRevocations revocations) {
    static final RenewalTrust NONE = new RenewalTrust(List.of(), DelegationRevocations.NONE);

    RenewalTrust {
        bridges = List.copyOf(bridges);
        Objects.requireNonNull(revocations, "revocations");
    }
}
