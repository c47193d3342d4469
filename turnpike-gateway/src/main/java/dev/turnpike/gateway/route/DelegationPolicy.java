package dev.turnpike.gateway.route;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service takes Bifrost delegated tokens ({@code auth: bifrost} or {@code either}).
 *
 * @param pop            whether a DPoP proof of the delegated key is required, checked when present, or ignored
 * @param issuers        the wallets whose tokens are accepted; empty: any wallet
 * @param bridges        the bridges whose renew certificates are accepted, besides this gateway's own bridge
 * @param clockSkew      tolerated at both ends of a token's validity
 * @param rules          what each request needs (first match wins; a request no rule matches is refused)
 * @param neverDelegable requests a delegated token never allows, whatever it grants
 * @param graphql        the service's GraphQL endpoint, whose operations are checked too, if it has one
 */
public record DelegationPolicy(ProofMode pop, List<Ed25519PublicKey> issuers, List<Ed25519PublicKey> bridges,
        Duration clockSkew, List<DelegationRule> rules, List<DelegationRule> neverDelegable,
        Optional<GraphqlEndpoint> graphql) {

    /** The {@code pop:} setting. */
    public enum ProofMode {
        /** A DPoP proof is required: a stolen token alone is useless. */
        REQUIRED,
        /** A proof is checked when the client sends one. */
        OPTIONAL,
        /** Proofs are not looked at. */
        OFF
    }

    public DelegationPolicy {
        Objects.requireNonNull(pop, "pop");
        Objects.requireNonNull(clockSkew, "clockSkew");
        issuers = List.copyOf(issuers);
        bridges = List.copyOf(bridges);
        rules = List.copyOf(rules);
        neverDelegable = List.copyOf(neverDelegable);
        Objects.requireNonNull(graphql, "graphql");
    }

    /** The first rule matching the request, or null (then the request is refused). */
    public DelegationRule ruleFor(String method, String path) {
        return first(rules, method, path);
    }

    /** The never-delegable rule matching the request, or null. */
    public DelegationRule neverDelegableFor(String method, String path) {
        return first(neverDelegable, method, path);
    }

    private static DelegationRule first(List<DelegationRule> list, String method, String path) {
        for (DelegationRule rule : list) {
            if (rule.matches(method, path)) {
                return rule;
            }
        }
        return null;
    }
}
