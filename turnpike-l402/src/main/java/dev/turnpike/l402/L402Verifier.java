package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.RootKey;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies L402 credentials. Built once (all dependencies are mandatory, so it cannot be half-configured) and
 * shared: it is immutable and thread-safe.
 *
 * <h2>Fixed verification order</h2>
 * The first failing step decides the single {@link Reason}:
 * <ol>
 *   <li><b>Strict parse</b>: only first-party caveats ({@link Reason#MALFORMED}); the identifier is exactly 66 bytes
 *       ({@link Reason#MALFORMED}) of version 0 ({@link Reason#UNKNOWN_VERSION}). (Macaroon syntax itself is checked
 *       earlier, by {@code MacaroonCodec} / the header parser.)</li>
 *   <li><b>Preimage</b>: {@code sha256(preimage) == payment_hash}, constant time ({@link Reason#WRONG_PREIMAGE}).
 *       Cheap and needs no I/O, so unpaid tokens never reach the store.</li>
 *   <li><b>Root key lookup</b> by {@code sha256(identifier)} ({@link Reason#UNKNOWN_TOKEN}; a throwing store gives
 *       {@link Reason#BACKEND_UNAVAILABLE}).</li>
 *   <li><b>HMAC chain</b>, compared in constant time ({@link Reason#BAD_SIGNATURE}).</li>
 *   <li><b>Revocation</b> by token id, only for authentic tokens ({@link Reason#REVOKED}; a throwing check gives
 *       {@link Reason#BACKEND_UNAVAILABLE}).</li>
 *   <li><b>Caveats</b> (see {@link L402Caveat}), decided in this order: services ({@link Reason#SERVICE_NOT_ALLOWED}),
 *       expiry ({@link Reason#EXPIRED}), capabilities ({@link Reason#CAPABILITY_NOT_ALLOWED}), configured
 *       constraints in registration order ({@link Reason#CONSTRAINT_VIOLATED}).</li>
 * </ol>
 *
 * A {@link VerificationResult.Valid} also says when the token expires and until when the verdict may be reused
 * ({@link VerificationResult.Valid#cacheableUntil}), so that callers never read caveats themselves.
 *
 * <p>The current time comes only from the injected {@link Clock}.
 */
public final class L402Verifier {
    private static final Map<Reason, VerificationResult.Invalid> INVALID = new EnumMap<>(Reason.class);

    static {
        for (Reason r : Reason.values()) {
            INVALID.put(r, new VerificationResult.Invalid(r, null));
        }
    }

    private final RootKeyStore rootKeys;
    private final RevocationCheck revocation;
    private final Clock clock;
    private final ConstraintSatisfier[] constraints;

    private L402Verifier(Builder b) {
        this.rootKeys = b.rootKeys;
        this.revocation = b.revocation;
        this.clock = b.clock;
        this.constraints = b.constraints.values().toArray(new ConstraintSatisfier[0]);
    }

    /** Starts a builder; {@link Builder#build()} fails unless store, revocation check and clock are all set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code credential} for {@code request}. Never throws for any credential content; exceptions from
     * the store and the revocation check are reported as {@link Reason#BACKEND_UNAVAILABLE}.
     */
    public VerificationResult verify(Credential credential, RequestContext request) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(request, "request");
        Macaroon macaroon = credential.macaroon();

        // 1. strict parse
        if (!macaroon.hasOnlyFirstPartyCaveats()) {
            return INVALID.get(Reason.MALFORMED);
        }
        byte[] idBytes = macaroon.identifier();
        L402Identifier id;
        try {
            id = L402Identifier.decode(idBytes);
        } catch (IdentifierFormatException e) {
            return INVALID.get(e.unknownVersion() ? Reason.UNKNOWN_VERSION : Reason.MALFORMED);
        }

        // 2. preimage
        if (!credential.preimage().matches(id.paymentHash())) {
            return INVALID.get(Reason.WRONG_PREIMAGE);
        }

        // 3. root key lookup
        Optional<RootKey> key;
        try {
            key = rootKeys.find(RootKeyId.ofIdentifierBytes(idBytes));
        } catch (StoreException | RuntimeException e) {
            return new VerificationResult.Invalid(Reason.BACKEND_UNAVAILABLE, e);
        }
        if (key == null) {
            return new VerificationResult.Invalid(Reason.BACKEND_UNAVAILABLE,
                    new IllegalStateException("RootKeyStore returned null"));
        }
        if (key.isEmpty()) {
            return INVALID.get(Reason.UNKNOWN_TOKEN);
        }

        // 4. HMAC chain
        if (!macaroon.verifySignature(key.get())) {
            return INVALID.get(Reason.BAD_SIGNATURE);
        }

        // 5. revocation
        try {
            if (revocation.isRevoked(id.tokenId())) {
                return INVALID.get(Reason.REVOKED);
            }
        } catch (StoreException | RuntimeException e) {
            return new VerificationResult.Invalid(Reason.BACKEND_UNAVAILABLE, e);
        }

        // 6. caveats
        return checkCaveats(macaroon, id, request);
    }

    /** Step 6: one rule per kind of caveat ({@link CaveatRules}), decided in the documented order. */
    private VerificationResult checkCaveats(Macaroon macaroon, L402Identifier id, RequestContext request) {
        List<L402Caveat> caveats = CaveatRules.parse(macaroon);
        String service = request.service();
        int tier = CaveatRules.tier(caveats, service);
        if (tier < 0) {
            return INVALID.get(Reason.SERVICE_NOT_ALLOWED);
        }
        long validUntil = CaveatRules.validUntil(caveats, service);
        if (clock.instant().getEpochSecond() >= validUntil) {
            return INVALID.get(Reason.EXPIRED);
        }
        if (!CaveatRules.allowsCapability(caveats, service, request.requiredCapability())) {
            return INVALID.get(Reason.CAPABILITY_NOT_ALLOWED);
        }
        for (ConstraintSatisfier constraint : constraints) {
            if (!CaveatRules.holds(caveats, constraint, request)) {
                return INVALID.get(Reason.CONSTRAINT_VIOLATED);
            }
        }
        return new VerificationResult.Valid(id, tier, caveats, instant(validUntil));
    }

    /**
     * When {@code macaroon} expires for {@code service}: the expiry {@link #verify} enforces (its last, tightest
     * {@code <service>_valid_until}); empty if it has none. A token whose {@code <service>_valid_until} caveats do
     * not parse or widen is expired from the start: {@link Instant#MIN}. Values beyond {@link Instant}'s range
     * are clamped to it.
     */
    public static Optional<Instant> expiresAt(Macaroon macaroon, String service) {
        return instant(CaveatRules.validUntil(CaveatRules.parse(macaroon), service));
    }

    private static Optional<Instant> instant(long validUntil) {
        if (validUntil == CaveatRules.NEVER) {
            return Optional.empty();
        }
        return Optional.of(validUntil > Instant.MAX.getEpochSecond() ? Instant.MAX
                : Instant.ofEpochSecond(Math.max(validUntil, Instant.MIN.getEpochSecond())));
    }

    /** Builder for {@link L402Verifier}. */
    public static final class Builder {
        private RootKeyStore rootKeys;
        private RevocationCheck revocation;
        private Clock clock;
        private final Map<String, ConstraintSatisfier> constraints = new LinkedHashMap<>();

        private Builder() {}

        /** Mandatory: where root keys are looked up. */
        public Builder rootKeyStore(RootKeyStore store) {
            this.rootKeys = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Mandatory: the revocation check; pass {@link RevocationCheck#none()} explicitly if unused. */
        public Builder revocationCheck(RevocationCheck check) {
            this.revocation = Objects.requireNonNull(check, "check");
            return this;
        }

        /** Mandatory: the clock for expiry checks. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Registers a configured constraint.
         *
         * @throws IllegalArgumentException if its condition is invalid, reserved ({@code services}, {@code preimage},
         *                                  {@code *_capabilities}, {@code *_valid_until}) or already registered
         */
        public Builder constraint(ConstraintSatisfier satisfier) {
            String cond = Objects.requireNonNull(satisfier, "satisfier").condition();
            if (cond == null || !L402Caveat.isValidName(cond) || L402Caveat.isReserved(cond)) {
                throw new IllegalArgumentException("invalid or reserved constraint condition: " + cond);
            }
            if (constraints.putIfAbsent(cond, satisfier) != null) {
                throw new IllegalArgumentException("constraint already registered: " + cond);
            }
            return this;
        }

        /** @throws IllegalStateException if a mandatory dependency is missing */
        public L402Verifier build() {
            if (rootKeys == null || revocation == null || clock == null) {
                throw new IllegalStateException("rootKeyStore, revocationCheck and clock are all required");
            }
            return new L402Verifier(this);
        }
    }
}
