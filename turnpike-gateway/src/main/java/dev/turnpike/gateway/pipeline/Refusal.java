package dev.turnpike.gateway.pipeline;

import dev.turnpike.l402.Reason;
import java.util.Locale;

/**
 * Why a request has no valid token: a code for the problem's {@code reason} member and metrics, and the
 * same in words for its detail.
 */
record Refusal(String code, String words) {

    static final Refusal NO_TOKEN = new Refusal("no_token", "no token");
    static final Refusal MALFORMED_CREDENTIAL = new Refusal("malformed_credential", "malformed credential");
    /** Under {@code strict_verify}: the preimage is right but the backend does not report the invoice settled. */
    static final Refusal NOT_SETTLED = new Refusal("not_settled", "the token's invoice is not settled");

    private static final Refusal[] BY_REASON = new Refusal[Reason.values().length];

    static {
        for (Reason r : Reason.values()) {
            String code = r.name().toLowerCase(Locale.ROOT);
            BY_REASON[r.ordinal()] = new Refusal(code, code.replace('_', ' '));
        }
    }

    static Refusal of(Reason reason) {
        return BY_REASON[reason.ordinal()];
    }
}
