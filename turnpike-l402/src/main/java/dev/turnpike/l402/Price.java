package dev.turnpike.l402;

/**
 * A token price in millisatoshis (aperture prices services in satoshis; Lightning invoices in msat).
 *
 * @param msat the amount in millisatoshis, at least 1
 */
public record Price(long msat) {
    public Price {
        if (msat <= 0) {
            throw new IllegalArgumentException("price must be positive");
        }
    }

    /** A price in satoshis. */
    public static Price sats(long sats) {
        if (sats <= 0 || sats > Long.MAX_VALUE / 1000) {
            throw new IllegalArgumentException("price out of range");
        }
        return new Price(sats * 1000);
    }

    /** A price in millisatoshis. */
    public static Price msats(long msat) {
        return new Price(msat);
    }

    /** The amount in whole satoshis, rounded up. */
    public long satsRoundedUp() {
        return msat / 1000 + (msat % 1000 == 0 ? 0 : 1);
    }
}
