package dev.turnpike.client;

/** Amounts for people: whole sats when exact, else sats with the msat part. */
final class Money {

    private Money() {}

    static String format(long msat) {
        if (msat % 1000 == 0) {
            return (msat / 1000) + " sat";
        }
        return msat / 1000 + "." + String.format("%03d", msat % 1000) + " sat";
    }
}
