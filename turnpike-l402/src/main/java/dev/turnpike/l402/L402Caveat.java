package dev.turnpike.l402;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A first-party L402 caveat {@code condition=value} (split on the first {@code =}), as aperture's
 * {@code l402.Caveat}. The caveats this library knows:
 *
 * <dl>
 *   <dt>{@code services=name:tier[,name:tier…]}</dt>
 *   <dd>The services the token grants, with their tier. The request's service must be listed in the last
 *       {@code services} caveat. A later {@code services} caveat may only list entries (same name <em>and</em>
 *       tier) present in the previous one; unlike aperture the tier is compared too, so attenuation cannot
 *       raise the tier reported by the verifier. The verifier requires at least one {@code services} caveat
 *       (our minter always writes one). Failure: {@link Reason#SERVICE_NOT_ALLOWED}.</dd>
 *   <dt>{@code <service>_capabilities=a,b,…}</dt>
 *   <dd>The capabilities of {@code <service>} the token may use. Enforced (aperture does not): when the
 *       request names a required capability, the last such caveat for the request's service must list it. Absent
 *       caveat: no capability restriction. An empty value grants no capability. A later caveat may only list
 *       capabilities present in the previous one. Failure: {@link Reason#CAPABILITY_NOT_ALLOWED}.</dd>
 *   <dt>{@code <service>_valid_until=<unix seconds>}</dt>
 *   <dd>Expiry for {@code <service>}: valid while {@code now < value} (as aperture: at the exact second the
 *       token is expired). A later caveat may only lower the value. Failure: {@link Reason#EXPIRED}.</dd>
 *   <dt>{@code preimage=<hex>}</dt>
 *   <dd>Added by a client to carry the payment preimage inside the macaroon (the {@code Macaroon} and
 *       {@code Grpc-Metadata-Macaroon} headers). Not evaluated by the verifier, which checks the preimage of the
 *       credential instead.</dd>
 *   <dt>Configured constraints</dt>
 *   <dd>Any condition for which a {@link ConstraintSatisfier} is registered with the verifier. Failure:
 *       {@link Reason#CONSTRAINT_VIOLATED}.</dd>
 * </dl>
 *
 * <p>For every known condition, only the <b>last</b> caveat of that condition is evaluated against the request,
 * and each caveat must narrow the previous one of the same condition (otherwise the token is invalid, with the
 * reason of that condition). A caveat with an unparsable value of a known condition fails the same way.
 * Conditions nobody knows (including {@code _capabilities} / {@code _valid_until} caveats of other services)
 * are skipped, as are caveats without {@code =}.
 *
 * @param condition the part before the first {@code =}
 * @param value     the part after it (may contain {@code =})
 */
public record L402Caveat(String condition, String value) {
    /** Condition of the services caveat. */
    public static final String SERVICES = "services";
    /** Suffix of a service's capabilities condition. */
    public static final String CAPABILITIES_SUFFIX = "_capabilities";
    /** Suffix of a service's expiry condition. */
    public static final String VALID_UNTIL_SUFFIX = "_valid_until";
    /** Condition of the client-added preimage caveat. */
    public static final String PREIMAGE = "preimage";
    /** Longest accepted service, capability or condition name. */
    public static final int MAX_NAME_LENGTH = 128;

    /** @throws IllegalArgumentException if the condition contains {@code =} */
    public L402Caveat {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(value, "value");
        if (condition.indexOf('=') >= 0) {
            throw new IllegalArgumentException("condition must not contain '='");
        }
    }

    /** Splits {@code text} on its first {@code =}; null if there is none (aperture skips such caveats). */
    public static L402Caveat parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return null;
        }
        return new L402Caveat(text.substring(0, eq), text.substring(eq + 1));
    }

    /** {@code condition=value}: the caveat identifier to add to a macaroon (UTF-8). */
    public String encode() {
        return condition + "=" + value;
    }

    @Override
    public String toString() {
        return encode();
    }

    // ------------------------------------------------------------------ factories

    /** {@code services=a:0,b:1}. @throws IllegalArgumentException if empty */
    public static L402Caveat services(List<ServiceGrant> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no services");
        }
        StringBuilder sb = new StringBuilder();
        for (ServiceGrant s : services) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(s.name()).append(':').append(s.tier());
        }
        return new L402Caveat(SERVICES, sb.toString());
    }

    /** {@code <service>_capabilities=a,b}. @throws IllegalArgumentException for invalid names */
    public static L402Caveat capabilities(String service, Collection<String> capabilities) {
        requireName(service, "service");
        for (String c : capabilities) {
            requireName(c, "capability");
        }
        return new L402Caveat(service + CAPABILITIES_SUFFIX, String.join(",", capabilities));
    }

    /** {@code <service>_valid_until=<epoch seconds of expiry>}. */
    public static L402Caveat validUntil(String service, Instant expiry) {
        requireName(service, "service");
        return new L402Caveat(service + VALID_UNTIL_SUFFIX, Long.toString(expiry.getEpochSecond()));
    }

    /** {@code preimage=<lowercase hex>}, added by clients. */
    public static L402Caveat preimage(Preimage preimage) {
        return new L402Caveat(PREIMAGE, preimage.toHex());
    }

    /** A caveat for a configured constraint. @throws IllegalArgumentException for an invalid condition name */
    public static L402Caveat constraint(String condition, String value) {
        requireName(condition, "condition");
        return new L402Caveat(condition, value);
    }

    // ------------------------------------------------------------------ value parsing (null = malformed)

    /**
     * Parses a services value as aperture does ({@code name:tier} entries separated by {@code ,}), but
     * strictly: decimal tier 0..255 without sign. Returns null if malformed or empty.
     */
    public static List<ServiceGrant> parseServices(String value) {
        if (value.isEmpty()) {
            return null;
        }
        List<ServiceGrant> out = new ArrayList<>(2);
        int start = 0;
        int len = value.length();
        while (start <= len) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            int colon = value.indexOf(':', start);
            if (colon < 0 || colon >= end) {
                return null;
            }
            String name = value.substring(start, colon);
            int tier = parseSmallDecimal(value, colon + 1, end);
            if (tier < 0 || tier > ServiceGrant.MAX_TIER || !isValidName(name)) {
                return null;
            }
            out.add(new ServiceGrant(name, tier));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return out;
    }

    /** Parses a capabilities value: empty string means none; null if an entry is not a valid name. */
    public static List<String> parseCapabilities(String value) {
        List<String> out = new ArrayList<>(4);
        if (value.isEmpty()) {
            return out;
        }
        int start = 0;
        while (true) {
            int comma = value.indexOf(',', start);
            String c = value.substring(start, comma < 0 ? value.length() : comma);
            if (!isValidName(c)) {
                return null;
            }
            out.add(c);
            if (comma < 0) {
                return out;
            }
            start = comma + 1;
        }
    }

    /** Parses a {@code valid_until} value: optional {@code -}, 1..18 decimal digits; null otherwise. */
    public static Long parseUnixSeconds(String value) {
        return parseDecimalLong(value);
    }

    /**
     * The strict decimal parser behind {@code valid_until} and numeric constraints: optional {@code -}, then 1..18
     * ASCII digits (so no overflow); null otherwise.
     */
    static Long parseDecimalLong(String value) {
        int i = 0;
        int n = value.length();
        boolean neg = n > 0 && value.charAt(0) == '-';
        if (neg) {
            i = 1;
        }
        if (n - i < 1 || n - i > 18) {
            return null;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    private static int parseSmallDecimal(String s, int from, int to) {
        if (to - from < 1 || to - from > 3) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Whether {@code condition} is a built-in one ({@code services}, {@code preimage}, {@code *_capabilities},
     * {@code *_valid_until}), which a configured constraint may not use.
     */
    public static boolean isReserved(String condition) {
        return condition.equals(SERVICES) || condition.equals(PREIMAGE) || condition.endsWith(CAPABILITIES_SUFFIX)
                || condition.endsWith(VALID_UNTIL_SUFFIX);
    }

    /**
     * Names of services, capabilities and conditions: 1..{@value #MAX_NAME_LENGTH} printable ASCII characters
     * other than space, {@code ,}, {@code :} and {@code =}.
     */
    public static boolean isValidName(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ',' || c == ':' || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static void requireName(String s, String what) {
        if (!isValidName(Objects.requireNonNull(s, what))) {
            throw new IllegalArgumentException("invalid " + what + " name: " + s);
        }
    }
}
