package dev.turnpike.lightning.node;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import java.util.Objects;

/**
 * A payment that succeeded: the preimage is the proof. {@code toString} does not show the preimage.
 */
public record PaymentResult(Preimage preimage, long feeMsat, PaymentHash paymentHash) {

    public PaymentResult {
        Objects.requireNonNull(preimage, "preimage");
        Objects.requireNonNull(paymentHash, "paymentHash");
        if (feeMsat < 0) {
            throw new IllegalArgumentException("fee must not be negative: " + feeMsat);
        }
        if (!preimage.matches(paymentHash)) {
            throw new IllegalArgumentException("preimage does not hash to the payment hash");
        }
    }
}
