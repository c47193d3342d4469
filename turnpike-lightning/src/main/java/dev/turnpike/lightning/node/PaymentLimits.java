package dev.turnpike.lightning.node;

/**
 * What a payer may spend on one payment.
 *
 * @param maxAmountMsat the most the invoice may ask for
 * @param maxFeeMsat the most that may be paid in routing fees
 */
public record PaymentLimits(long maxAmountMsat, long maxFeeMsat) {

    public PaymentLimits {
        if (maxAmountMsat <= 0) {
            throw new IllegalArgumentException("maxAmountMsat must be positive: " + maxAmountMsat);
        }
        if (maxFeeMsat < 0) {
            throw new IllegalArgumentException("maxFeeMsat must not be negative: " + maxFeeMsat);
        }
    }

    /** No limit on the amount, only on the fee. */
    public static PaymentLimits maxFee(long maxFeeMsat) {
        return new PaymentLimits(Long.MAX_VALUE, maxFeeMsat);
    }
}
