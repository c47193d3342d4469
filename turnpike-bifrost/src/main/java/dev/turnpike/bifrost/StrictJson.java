package dev.turnpike.bifrost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The protocol's strict JSON reader for request bodies (a bridge's or an API's): one JSON object of strict UTF-8, at
 * most {@value #MAX_BODY_CHARS} characters and {@value #MAX_NESTING_DEPTH} levels deep, with no duplicate key, no
 * content after it and no number beyond the range of a double ({@code 1e400}). The same rules the module applies to
 * tokens, so a body means one thing to every reader.
 */
public final class StrictJson {
    /** The longest body text read. */
    public static final int MAX_BODY_CHARS = Json.MAX_BODY_CHARS;
    /** The deepest nesting read. */
    public static final int MAX_NESTING_DEPTH = Json.MAX_NESTING_DEPTH;

    private StrictJson() {}

    /** Why a body was refused. */
    public enum Problem {
        NOT_UTF8, TOO_LONG, TOO_DEEP, DUPLICATE_KEY, TRAILING_CONTENT, NON_FINITE_NUMBER, NOT_AN_OBJECT,
        /** Any other syntax error. */
        INVALID;

        static Problem of(JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (e instanceof StreamConstraintsException) {
                return message.contains("nesting depth") ? TOO_DEEP : TOO_LONG;
            }
            if (e instanceof MismatchedInputException && message.startsWith("Trailing token")) {
                return TRAILING_CONTENT;
            }
            return message.startsWith("Duplicate field") ? DUPLICATE_KEY : INVALID;
        }
    }

    /** A refused body: its {@link Problem} and a message naming it (no more than 200 characters of the input). */
    public static final class InvalidJsonException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        InvalidJsonException(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * Reads {@code utf8} as one JSON object.
     *
     * @param what what the bytes are, for the message, e.g. {@code "the request body"}
     * @throws InvalidJsonException if it breaks a rule above
     */
    public static ObjectNode readObject(byte[] utf8, String what) throws InvalidJsonException {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(what, "what");
        try {
            return Json.parseBody(utf8, what);
        } catch (Json.JsonException e) {
            throw new InvalidJsonException(e.problem(), e.getMessage());
        }
    }
}
