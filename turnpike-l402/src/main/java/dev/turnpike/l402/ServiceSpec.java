package dev.turnpike.l402;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to mint a token for: service name, tier, price, capabilities, lifetime and constraint caveats. Immutable;
 * build with {@link #builder(String)}.
 *
 * <p>A lifetime is required unless {@link Builder#withoutExpiry()} is called, and even then the {@link Minter}
 * refuses such a spec unless it was built with {@link Minter.Builder#allowTokensWithoutExpiry()}.
 */
public final class ServiceSpec {
    private final String name;
    private final int tier;
    private final Price price;
    private final List<String> capabilities;
    private final Duration lifetime;
    private final List<L402Caveat> constraints;
    private final String memo;

    private ServiceSpec(Builder b) {
        this.name = b.name;
        this.tier = b.tier;
        this.price = b.price;
        this.capabilities = b.capabilities == null ? null : List.copyOf(b.capabilities);
        this.lifetime = b.lifetime;
        this.constraints = List.copyOf(b.constraints);
        this.memo = b.memo != null ? b.memo : "L402 token for " + b.name;
    }

    /** Starts a spec for service {@code name} (tier 0, no capability caveat, no constraints). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int tier() {
        return tier;
    }

    public Price price() {
        return price;
    }

    /** The capabilities to grant; empty optional means no capabilities caveat (unrestricted). */
    public Optional<List<String>> capabilities() {
        return Optional.ofNullable(capabilities);
    }

    /** The token lifetime; empty only if built with {@link Builder#withoutExpiry()}. */
    public Optional<Duration> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    /** Extra constraint caveats, added after the capabilities caveat. */
    public List<L402Caveat> constraints() {
        return constraints;
    }

    /** The invoice memo. */
    public String memo() {
        return memo;
    }

    /** Builder of {@link ServiceSpec}. */
    public static final class Builder {
        private final String name;
        private int tier;
        private Price price;
        private List<String> capabilities;
        private Duration lifetime;
        private boolean noExpiry;
        private final List<L402Caveat> constraints = new ArrayList<>();
        private String memo;

        private Builder(String name) {
            if (!L402Caveat.isValidName(Objects.requireNonNull(name, "name"))) {
                throw new IllegalArgumentException("invalid service name: " + name);
            }
            this.name = name;
        }

        public Builder tier(int tier) {
            new ServiceGrant(name, tier); // validates
            this.tier = tier;
            return this;
        }

        /** Mandatory. */
        public Builder price(Price price) {
            this.price = Objects.requireNonNull(price, "price");
            return this;
        }

        /** Grants exactly these capabilities (a {@code <name>_capabilities} caveat). */
        public Builder capabilities(List<String> capabilities) {
            for (String c : capabilities) {
                if (!L402Caveat.isValidName(c)) {
                    throw new IllegalArgumentException("invalid capability: " + c);
                }
            }
            this.capabilities = List.copyOf(capabilities);
            return this;
        }

        /** Grants exactly these capabilities. */
        public Builder capabilities(String... capabilities) {
            return capabilities(List.of(capabilities));
        }

        /** The token lifetime (positive; whole seconds are used). */
        public Builder lifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.getSeconds() < 1) {
                throw new IllegalArgumentException("lifetime must be at least one second");
            }
            this.lifetime = lifetime;
            return this;
        }

        /** Explicitly mints without a {@code _valid_until} caveat (also needs the minter's consent). */
        public Builder withoutExpiry() {
            this.noExpiry = true;
            return this;
        }

        /** Adds a constraint caveat (its condition must not be a built-in one). */
        public Builder constraint(L402Caveat caveat) {
            String c = caveat.condition();
            if (!L402Caveat.isValidName(c) || L402Caveat.isReserved(c)) {
                throw new IllegalArgumentException("invalid or reserved constraint condition: " + c);
            }
            constraints.add(caveat);
            return this;
        }

        /** Overrides the invoice memo (default {@code "L402 token for <name>"}). */
        public Builder memo(String memo) {
            this.memo = Objects.requireNonNull(memo, "memo");
            return this;
        }

        /** @throws IllegalStateException without a price, or with neither lifetime nor {@link #withoutExpiry()} */
        public ServiceSpec build() {
            if (price == null) {
                throw new IllegalStateException("price is required");
            }
            if (lifetime == null && !noExpiry) {
                throw new IllegalStateException("lifetime is required (or call withoutExpiry() explicitly)");
            }
            if (lifetime != null && noExpiry) {
                throw new IllegalStateException("both lifetime and withoutExpiry() given");
            }
            return new ServiceSpec(this);
        }
    }
}
