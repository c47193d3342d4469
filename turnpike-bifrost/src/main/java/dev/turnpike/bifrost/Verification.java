package dev.turnpike.bifrost;

import java.util.Objects;

/**
 * The outcome of a verifier: {@link Verified} with the verified value, or {@link Refused} with one {@link Reason}.
 * Verifiers return this for every input and never throw for bad content.
 *
 * <pre>{@code
 * switch (verifier.verify(token, session.delegationRequest(), now)) {
 *     case Verification.Verified<DelegationToken>(DelegationToken t) -> approve(t);
 *     case Verification.Refused<DelegationToken>(Reason reason, String detail) -> problem(reason.code(), detail);
 * }
 * }</pre>
 *
 * @param <T> what a successful verification yields
 */
public sealed interface Verification<T> permits Verification.Verified, Verification.Refused {

    /** True for {@link Verified}. */
    boolean isVerified();

    /** Verification succeeded. */
    record Verified<T>(T value) implements Verification<T> {
        public Verified {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isVerified() {
            return true;
        }
    }

    /**
     * Verification failed.
     *
     * @param reason the first failing step
     * @param detail what exactly was wrong, for people (safe to show: no secrets, untrusted input quoted and cut)
     */
    record Refused<T>(Reason reason, String detail) implements Verification<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isVerified() {
            return false;
        }
    }
}
