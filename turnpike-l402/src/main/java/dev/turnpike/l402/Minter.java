package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.RootKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Mints L402 tokens, as aperture's {@code mint.Mint}:
 * <ol>
 *   <li>asks the {@link Challenger} for an invoice for the spec's price;</li>
 *   <li>builds the identifier {@code version 0 ‖ payment_hash ‖ token_id} with 32 random token-id bytes;</li>
 *   <li>generates a 32-byte random root key;</li>
 *   <li>creates the macaroon at the configured location (default {@value #DEFAULT_LOCATION}) and adds, in aperture's
 *       order: {@code services=<name>:<tier>}, {@code <name>_capabilities=…} (if the spec sets capabilities), the
 *       spec's constraints, {@code <name>_valid_until=<now + lifetime>};</li>
 *   <li>saves the token with its {@link MintedTokenWriter}: at least the root key, under
 *       {@code sha256(identifier)}.</li>
 * </ol>
 * The token is saved only after the invoice exists, and the challenge is returned only after the token is saved.
 * Randomness and time come only from the injected {@link SecureRandom} and {@link Clock}. Thread-safe.
 */
public final class Minter {
    /** aperture's macaroon location. */
    public static final String DEFAULT_LOCATION = "lsat";

    private final Challenger challenger;
    private final MintedTokenWriter tokens;
    private final SecureRandom random;
    private final Clock clock;
    private final String location;
    private final boolean allowNoExpiry;

    private Minter(Builder b) {
        this.challenger = b.challenger;
        this.tokens = b.tokens;
        this.random = b.random;
        this.clock = b.clock;
        this.location = b.location;
        this.allowNoExpiry = b.allowNoExpiry;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Mints a token for {@code spec}.
     *
     * @throws MintException         if the challenger or the key store failed
     * @throws IllegalStateException if the spec has no expiry and this minter does not allow that
     */
    public Challenge mint(ServiceSpec spec) throws MintException {
        Objects.requireNonNull(spec, "spec");
        if (spec.lifetime().isEmpty() && !allowNoExpiry) {
            throw new IllegalStateException("refusing to mint a token without expiry for " + spec.name()
                    + " (Minter.Builder.allowTokensWithoutExpiry() not set)");
        }
        Invoice invoice;
        try {
            invoice = challenger.newInvoice(spec.price(), spec.memo());
        } catch (StoreException | RuntimeException e) {
            throw new MintException(MintException.Part.CHALLENGER, "challenger failed", e);
        }
        if (invoice == null) {
            throw new MintException(MintException.Part.CHALLENGER, "challenger returned no invoice", null);
        }
        L402Identifier identifier = L402Identifier.of(invoice.paymentHash(), TokenId.random(random));
        byte[] idBytes = identifier.encode();
        RootKey rootKey = RootKey.generate(random);
        Macaroon macaroon = Macaroon.create(rootKey, idBytes, location);
        for (L402Caveat c : caveatsFor(spec)) {
            macaroon = macaroon.addFirstPartyCaveat(c.encode());
        }
        Challenge challenge = new Challenge(macaroon, invoice.bolt11());
        try {
            tokens.save(new MintedToken(spec, identifier, RootKeyId.ofIdentifierBytes(idBytes), rootKey, challenge));
        } catch (StoreException | RuntimeException e) {
            throw new MintException(MintException.Part.STORE, "the token could not be stored", e);
        }
        return challenge;
    }

    private List<L402Caveat> caveatsFor(ServiceSpec spec) {
        List<L402Caveat> out = new ArrayList<>(4 + spec.constraints().size());
        out.add(L402Caveat.services(List.of(new ServiceGrant(spec.name(), spec.tier()))));
        spec.capabilities().ifPresent(caps -> out.add(L402Caveat.capabilities(spec.name(), caps)));
        out.addAll(spec.constraints());
        spec.lifetime().ifPresent(life -> out.add(L402Caveat.validUntil(spec.name(), clock.instant().plus(life))));
        return out;
    }

    /** Builder of {@link Minter}: challenger, a writer (of keys or of tokens), random and clock are mandatory. */
    public static final class Builder {
        private Challenger challenger;
        private MintedTokenWriter tokens;
        private SecureRandom random;
        private Clock clock;
        private String location = DEFAULT_LOCATION;
        private boolean allowNoExpiry;

        private Builder() {}

        public Builder challenger(Challenger challenger) {
            this.challenger = Objects.requireNonNull(challenger, "challenger");
            return this;
        }

        /** Stores only each token's root key (enough to verify it); replaces any {@link #tokenWriter}. */
        public Builder rootKeyWriter(RootKeyWriter writer) {
            Objects.requireNonNull(writer, "writer");
            this.tokens = token -> writer.save(token.rootKeyId(), token.rootKey());
            return this;
        }

        /** Stores each whole token (its root key and whatever else the writer books) at once; replaces any
         * {@link #rootKeyWriter}. */
        public Builder tokenWriter(MintedTokenWriter writer) {
            this.tokens = Objects.requireNonNull(writer, "writer");
            return this;
        }

        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The macaroon location (default {@value Minter#DEFAULT_LOCATION}; may be empty). */
        public Builder location(String location) {
            this.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /** Allows specs built with {@link ServiceSpec.Builder#withoutExpiry()}. Off by default. */
        public Builder allowTokensWithoutExpiry() {
            this.allowNoExpiry = true;
            return this;
        }

        /** @throws IllegalStateException if a mandatory dependency is missing */
        public Minter build() {
            if (challenger == null || tokens == null || random == null || clock == null) {
                throw new IllegalStateException("challenger, rootKeyWriter or tokenWriter, random and clock are all"
                        + " required");
            }
            return new Minter(this);
        }
    }
}
