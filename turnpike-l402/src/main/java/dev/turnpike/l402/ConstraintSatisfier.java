package dev.turnpike.l402;

/**
 * Extension point for configured constraints: a named caveat condition plus how to check it. Register instances
 * with {@link L402Verifier.Builder#constraint(ConstraintSatisfier)}; caveats of conditions with no registered
 * satisfier are skipped (aperture semantics), so register every constraint your minter writes.
 *
 * <p>For each registered condition the verifier checks, in caveat order, that every caveat
 * {@linkplain #narrows(String, String) narrows} the previous one of the same condition, then evaluates only the
 * last one with {@link #isSatisfied(String, RequestContext)}. Any failure, and any exception thrown by an
 * implementation, yields {@link Reason#CONSTRAINT_VIOLATED} (fail closed).
 *
 * <p>Implementations must be thread-safe and cheap; they run on the request path.
 */
public interface ConstraintSatisfier {

    /** The full caveat condition, e.g. {@code "storage_max_bytes"}; must satisfy {@link L402Caveat#isValidName}. */
    String condition();

    /** True if {@code current} is at least as restrictive as {@code previous}. */
    boolean narrows(String previous, String current);

    /** True if the request satisfies the caveat value. */
    boolean isSatisfied(String value, RequestContext request);

    /**
     * A constraint whose value must equal the request input {@code inputName} exactly; a later caveat must repeat
     * the same value. Missing input: not satisfied.
     */
    static ConstraintSatisfier exactInput(String condition, String inputName) {
        L402Caveat.constraint(condition, "");
        return new FunctionalSatisfier(condition, String::equals,
                (value, request) -> value.equals(request.input(inputName).orElse(null)));
    }

    /**
     * A numeric upper bound: the request input {@code inputName} (a decimal long) must be {@code <=} the caveat
     * value; a later caveat may only lower the bound. Missing or non-numeric input or value: not satisfied.
     */
    static ConstraintSatisfier atMost(String condition, String inputName) {
        L402Caveat.constraint(condition, "");
        return new FunctionalSatisfier(condition,
                (previous, current) -> {
                    Long p = L402Caveat.parseDecimalLong(previous);
                    Long c = L402Caveat.parseDecimalLong(current);
                    return p != null && c != null && c <= p;
                },
                (value, request) -> {
                    Long bound = L402Caveat.parseDecimalLong(value);
                    Long actual = request.input(inputName).map(L402Caveat::parseDecimalLong).orElse(null);
                    return bound != null && actual != null && actual <= bound;
                });
    }
}
