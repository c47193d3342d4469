package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.RootKey;
import java.util.Objects;

/**
 * A token just minted, before its challenge goes out: what a {@link MintedTokenWriter} stores so that the token can
 * be verified (its root key under {@code sha256(identifier)}) and, if the writer keeps books, listed and counted.
 *
 * @param spec       what the token was minted for
 * @param identifier the macaroon's identifier: version, payment hash, token id
 * @param rootKeyId  {@code sha256(identifier)}, under which the verifier looks the root key up
 * @param rootKey    the macaroon's root key (secret)
 * @param challenge  the macaroon and its invoice, as the client will receive them
 */
public record MintedToken(ServiceSpec spec, L402Identifier identifier, RootKeyId rootKeyId, RootKey rootKey,
        Challenge challenge) {
    public MintedToken {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(rootKeyId, "rootKeyId");
        Objects.requireNonNull(rootKey, "rootKey");
        Objects.requireNonNull(challenge, "challenge");
    }
}
