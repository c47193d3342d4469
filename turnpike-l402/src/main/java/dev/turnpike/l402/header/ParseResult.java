package dev.turnpike.l402.header;

import java.util.Objects;

/**
 * Result of a header parse: {@link Ok} or {@link Err}. Header parsing never throws for any input.
 *
 * @param <T> the parsed type
 */
public sealed interface ParseResult<T> permits ParseResult.Ok, ParseResult.Err {

    /** Why a header could not be used. */
    enum Error {
        /** No L402 credential / challenge header present at all (answer with a fresh challenge). */
        ABSENT,
        /** A header was present with the L402/LSAT scheme (or a macaroon header) but is malformed. */
        MALFORMED,
        /** A header value exceeds the documented bound. */
        TOO_LARGE,
        /** A challenge names an L402 version other than 0. */
        UNSUPPORTED_VERSION
    }

    /** True for {@link Ok}. */
    boolean isOk();

    /** The parsed value. @param value never null */
    record Ok<T>(T value) implements ParseResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isOk() {
            return true;
        }
    }

    /**
     * The typed failure.
     *
     * @param error  the kind
     * @param detail a short description; never echoes secrets
     */
    record Err<T>(Error error, String detail) implements ParseResult<T> {
        public Err {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isOk() {
            return false;
        }
    }
}
