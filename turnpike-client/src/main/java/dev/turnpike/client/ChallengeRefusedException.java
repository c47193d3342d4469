package dev.turnpike.client;

import java.util.Objects;

/** The client refused to pay a 402 challenge; {@link #reason()} says why. No payment was made. */
public final class ChallengeRefusedException extends L402ClientException {

    /** Why a challenge was not paid. */
    public enum Reason {
        /** The {@code WWW-Authenticate} value uses the L402/LSAT scheme but cannot be parsed. */
        MALFORMED_CHALLENGE,
        /** The macaroon's identifier is not an L402 identifier (version 0, 66 bytes). */
        BAD_IDENTIFIER,
        /** The invoice is not a valid, correctly signed BOLT #11 invoice. */
        INVALID_INVOICE,
        /** The invoice's payment hash is not the one in the macaroon: paying it would not unlock the token. */
        HASH_MISMATCH,
        /** The invoice states no amount. */
        NO_AMOUNT,
        /** The invoice asks for more than the client's max cost. */
        ABOVE_MAX_COST,
        /** The invoice has expired. */
        EXPIRED
    }

    private final Reason reason;

    public ChallengeRefusedException(Reason reason, String message) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
