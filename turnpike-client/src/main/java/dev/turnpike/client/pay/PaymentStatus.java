package dev.turnpike.client.pay;

import dev.turnpike.lightning.crypto.Preimage;
import java.util.Objects;

/** What a wallet knows of an outgoing payment, asked by payment hash ({@link ResumablePayer#status}). */
public sealed interface PaymentStatus {

    /** Paid: the preimage is the proof. {@code toString} does not show it. */
    record Succeeded(Preimage preimage, long feeMsat) implements PaymentStatus {
        public Succeeded {
            Objects.requireNonNull(preimage, "preimage");
            if (feeMsat < 0) {
                throw new IllegalArgumentException("fee must not be negative: " + feeMsat);
            }
        }
    }

    /** Still being routed: it may yet succeed or fail. */
    record InFlight() implements PaymentStatus {}

    /** Failed for good: no money moved (or it came back). */
    record Failed(String detail) implements PaymentStatus {
        public Failed {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
