package dev.turnpike.devnode;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import java.time.Instant;

/** A payment a dev wallet made: settled, with the preimage that proves it (redacted in {@code toString}). */
public record WalletPayment(PaymentHash paymentHash, long amountMsat, long feeMsat, Preimage preimage, Instant settledAt) {}
