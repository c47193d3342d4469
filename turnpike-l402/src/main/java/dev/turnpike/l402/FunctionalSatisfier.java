package dev.turnpike.l402;

import java.util.function.BiPredicate;

/** A {@link ConstraintSatisfier} from functions: the shape of the built-in ones (a nested type would be public). */
record FunctionalSatisfier(String condition, BiPredicate<String, String> narrowsFn,
        BiPredicate<String, RequestContext> satisfiedFn) implements ConstraintSatisfier {

    @Override
    public boolean narrows(String previous, String current) {
        return narrowsFn.test(previous, current);
    }

    @Override
    public boolean isSatisfied(String value, RequestContext request) {
        return satisfiedFn.test(value, request);
    }
}
