package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.Macaroon;
import java.util.Objects;

/**
 * What a client presents: the macaroon from the challenge (possibly attenuated) and the preimage of the paid
 * invoice. Built by a client after payment, or by the header parser from a request.
 *
 * @param macaroon the token
 * @param preimage the proof of payment (secret; redacted in {@link #toString()})
 */
public record Credential(Macaroon macaroon, Preimage preimage) {
    public Credential {
        Objects.requireNonNull(macaroon, "macaroon");
        Objects.requireNonNull(preimage, "preimage");
    }

    @Override
    public String toString() {
        return "Credential[" + macaroon + ", preimage=redacted]";
    }
}
