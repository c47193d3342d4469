package dev.turnpike.gateway.route;

import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.Price;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How a service is protected. Chosen per service at start; the request path never re-reads config. */
public sealed interface AuthPolicy permits AuthPolicy.None, AuthPolicy.L402, AuthPolicy.Freebie, AuthPolicy.Bifrost,
        AuthPolicy.Either {

    /** Open: every request is forwarded. */
    record None() implements AuthPolicy {}

    /**
     * Paid: a request needs a valid L402 token for this service, else it gets a 402 challenge for a
     * new token at {@code price}, valid for {@code tokenLifetime}, granting {@code capabilities}
     * (empty: the capabilities caveat is omitted, no restriction) and carrying {@code constraints}.
     */
    record L402(Price price, Duration tokenLifetime, int tier, List<String> capabilities, List<L402Caveat> constraints)
            implements AuthPolicy {
        public L402 {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(tokenLifetime, "tokenLifetime");
            if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
                throw new IllegalArgumentException("token lifetime must be positive: " + tokenLifetime);
            }
            if (tier < 0 || tier > 255) {
                throw new IllegalArgumentException("tier must be 0..255: " + tier);
            }
            capabilities = List.copyOf(capabilities);
            constraints = List.copyOf(constraints);
        }
    }

    /** The first {@code freeRequests} requests of a client (by IP prefix) are free; then as {@code paid}. */
    record Freebie(int freeRequests, L402 paid) implements AuthPolicy {
        public Freebie {
            if (freeRequests < 1) {
                throw new IllegalArgumentException("freebie count must be at least 1: " + freeRequests);
            }
            Objects.requireNonNull(paid, "paid");
        }
    }

    /** A request needs a Bifrost delegated token (and, as {@code delegation} says, a proof of possession). */
    record Bifrost(DelegationPolicy delegation) implements AuthPolicy {
        public Bifrost {
            Objects.requireNonNull(delegation, "delegation");
        }
    }

    /**
     * A request needs a valid L402 token or a Bifrost delegated token, whichever it carries; with neither, it gets
     * the 402 challenge of {@code paid}, which also names the bridge.
     */
    record Either(L402 paid, DelegationPolicy delegation) implements AuthPolicy {
        public Either {
            Objects.requireNonNull(paid, "paid");
            Objects.requireNonNull(delegation, "delegation");
        }
    }
}
