package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.Caveat;
import dev.turnpike.l402.macaroon.Macaroon;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The rule of each kind of caveat the verifier knows, one method each, in the words of {@code docs/l402.md}
 * (see also {@link L402Caveat}). Every kind is read as aperture's {@code VerifyCaveats} reads a condition: each
 * caveat of it must narrow the one before it ({@code SatisfyPrevious}), and only the last one is evaluated
 * against the request ({@code SatisfyFinal}); a value that does not parse breaks the chain.
 */
final class CaveatRules {

    /** {@link #validUntil}: the token has no expiry for the service. */
    static final long NEVER = Long.MAX_VALUE;
    /** {@link #validUntil}: a malformed or widening caveat; the token is expired from the start. */
    static final long BROKEN = Long.MIN_VALUE;

    private static final Last<?> NONE = new Last<>(null, false);
    private static final Last<?> BROKEN_CHAIN = new Last<>(null, true);

    /** The value of the last caveat of one condition (null: there is none), or a broken chain. */
    private record Last<T>(T value, boolean broken) {}

    private CaveatRules() {}

    /** The {@code condition=value} caveats among the first-party ones, in order (others are skipped, as aperture). */
    static List<L402Caveat> parse(Macaroon macaroon) {
        List<Caveat> raw = macaroon.caveats();
        List<L402Caveat> parsed = new ArrayList<>(raw.size());
        for (Caveat c : raw) {
            L402Caveat caveat = c.isFirstParty() ? L402Caveat.parse(c.idAsString()) : null;
            if (caveat != null) {
                parsed.add(caveat);
            }
        }
        return parsed;
    }

    /**
     * {@code services=name:tier,…}: required; a later one lists a subset, tiers unchanged; the last one must list
     * the request's service. Its tier there, or -1 ({@link Reason#SERVICE_NOT_ALLOWED}).
     */
    static int tier(List<L402Caveat> caveats, String service) {
        Last<List<ServiceGrant>> last = last(caveats, L402Caveat.SERVICES, L402Caveat::parseServices,
                List::containsAll);
        if (last.broken || last.value == null) {
            return -1;
        }
        for (ServiceGrant g : last.value) {
            if (g.name().equals(service)) {
                return g.tier();
            }
        }
        return -1;
    }

    /**
     * {@code <service>_valid_until=<unix seconds>}: a later one is not later. The epoch second from which the
     * token is expired ({@link Reason#EXPIRED} while {@code now >= } it): {@link #NEVER} without such a caveat,
     * {@link #BROKEN} for a chain that does not parse or widens.
     */
    static long validUntil(List<L402Caveat> caveats, String service) {
        Last<Long> last = last(caveats, service + L402Caveat.VALID_UNTIL_SUFFIX, L402Caveat::parseUnixSeconds,
                (previous, current) -> current <= previous);
        return last.broken ? BROKEN : last.value == null ? NEVER : last.value;
    }

    /**
     * {@code <service>_capabilities=a,b}: no caveat, no restriction; a later one lists a subset; the last one
     * must list the capability the request requires, if any (else {@link Reason#CAPABILITY_NOT_ALLOWED}).
     */
    static boolean allowsCapability(List<L402Caveat> caveats, String service, Optional<String> required) {
        Last<List<String>> last = last(caveats, service + L402Caveat.CAPABILITIES_SUFFIX,
                L402Caveat::parseCapabilities, List::containsAll);
        return !last.broken && (last.value == null || required.isEmpty() || last.value.contains(required.get()));
    }

    /**
     * A configured constraint: each caveat of its condition {@linkplain ConstraintSatisfier#narrows narrows} the
     * one before it and the last one {@linkplain ConstraintSatisfier#isSatisfied holds} for the request (else
     * {@link Reason#CONSTRAINT_VIOLATED}); a satisfier that throws fails it.
     */
    static boolean holds(List<L402Caveat> caveats, ConstraintSatisfier constraint, RequestContext request) {
        Last<String> last = last(caveats, constraint.condition(), Function.identity(),
                (previous, current) -> safeNarrows(constraint, previous, current));
        return !last.broken && (last.value == null || safeSatisfied(constraint, last.value, request));
    }

    /**
     * Whether a verdict rests on the built-in caveats alone ({@code services}, {@code preimage},
     * {@code *_capabilities}, {@code *_valid_until}): then nothing but the token, its revocation and the clock
     * decides it, and no configured constraint (which may look at the request or the time) took part.
     */
    static boolean allBuiltIn(List<L402Caveat> caveats) {
        for (L402Caveat c : caveats) {
            if (!L402Caveat.isReserved(c.condition())) {
                return false;
            }
        }
        return true;
    }

    /** Reads the chain of {@code condition}: each value must parse (non-null) and narrow the one before it. */
    @SuppressWarnings("unchecked")
    private static <T> Last<T> last(List<L402Caveat> caveats, String condition, Function<String, T> parse,
            BiPredicate<T, T> narrows) {
        T last = null;
        for (L402Caveat c : caveats) {
            if (c.condition().equals(condition)) {
                T current = parse.apply(c.value());
                if (current == null || (last != null && !narrows.test(last, current))) {
                    return (Last<T>) BROKEN_CHAIN;
                }
                last = current;
            }
        }
        return last == null ? (Last<T>) NONE : new Last<>(last, false);
    }

    private static boolean safeNarrows(ConstraintSatisfier s, String previous, String current) {
        try {
            return s.narrows(previous, current);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean safeSatisfied(ConstraintSatisfier s, String value, RequestContext request) {
        try {
            return s.isSatisfied(value, request);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
