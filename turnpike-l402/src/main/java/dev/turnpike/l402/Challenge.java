package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.Macaroon;
import java.util.Objects;

/**
 * A payment challenge: a freshly minted macaroon and the BOLT11 invoice whose payment hash is in its identifier.
 * Rendered as {@code WWW-Authenticate} values by {@code dev.turnpike.l402.header.L402Headers}.
 *
 * @param macaroon the token, without preimage
 * @param invoice  the BOLT11 payment request
 */
public record Challenge(Macaroon macaroon, String invoice) {
    public Challenge {
        Objects.requireNonNull(macaroon, "macaroon");
        Objects.requireNonNull(invoice, "invoice");
    }
}
