package dev.turnpike.l402;

import java.util.Objects;

/**
 * One {@code name:tier} entry of a {@code services} caveat.
 *
 * @param name service name: non-empty, without {@code , : =} or whitespace/control characters
 * @param tier service tier, 0..255 (aperture encodes it as {@code uint8})
 */
public record ServiceGrant(String name, int tier) {
    /** Highest tier aperture can encode. */
    public static final int MAX_TIER = 255;

    /** @throws IllegalArgumentException for an invalid name or tier */
    public ServiceGrant {
        Objects.requireNonNull(name, "name");
        if (!L402Caveat.isValidName(name)) {
            throw new IllegalArgumentException("invalid service name: " + name);
        }
        if (tier < 0 || tier > MAX_TIER) {
            throw new IllegalArgumentException("tier must be 0.." + MAX_TIER);
        }
    }

    @Override
    public String toString() {
        return name + ":" + tier;
    }
}
