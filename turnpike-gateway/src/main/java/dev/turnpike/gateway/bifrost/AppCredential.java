package dev.turnpike.gateway.bifrost;

import java.util.Optional;

/** How an application proves it opened a session, to read its token: its poll token, a proof of possession, or none. */
public sealed interface AppCredential {

    /** No credential: the wallet's view of the session (display data only). */
    record None() implements AppCredential {}

    /** {@code Authorization: Bearer <poll_token>}. */
    record Bearer(String pollToken) implements AppCredential {
        @Override
        public String toString() {
            return "Bearer[redacted]";
        }
    }

    /** {@code DPoP: <proof>}: a proof of possession of the delegated key for this request (see {@code PopProof}). */
    record Proof(String jws) implements AppCredential {
        @Override
        public String toString() {
            return "Proof[redacted]";
        }
    }

    /** The credential in a request's {@code Authorization} and {@code DPoP} headers (a proof wins). */
    static AppCredential of(Optional<String> authorization, Optional<String> proof) {
        if (proof.isPresent() && !proof.get().isBlank()) {
            return new Proof(proof.get().strip());
        }
        if (authorization.isPresent()) {
            String a = authorization.get().strip();
            if (a.length() > 7 && a.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new Bearer(a.substring(7).strip());
            }
        }
        return new None();
    }
}
