package dev.turnpike.l402;

/** A Lightning payment hash: SHA-256 of the payment preimage (32 bytes). Public information. */
public final class PaymentHash extends Bytes32 {
    private PaymentHash(byte[] bytes) {
        super(bytes);
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static PaymentHash of(byte[] bytes) {
        return new PaymentHash(checked(bytes, "payment hash"));
    }

    /** @throws IllegalArgumentException unless exactly 64 hex digits */
    public static PaymentHash fromHex(String hex) {
        return new PaymentHash(checkedHex(hex, "payment hash"));
    }
}
