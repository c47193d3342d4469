package dev.turnpike.lightning.node;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What to invoice for.
 *
 * @param amountMsat positive, in millisatoshis
 * @param memo the invoice description, at most {@value #MAX_MEMO_BYTES} UTF-8 bytes (one BOLT #11 d field)
 * @param expiry positive, in whole seconds
 */
public record InvoiceRequest(long amountMsat, String memo, Duration expiry) {

    public static final int MAX_MEMO_BYTES = 639;

    public InvoiceRequest {
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(expiry, "expiry");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amountMsat);
        }
        if (memo.getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
            throw new IllegalArgumentException("memo must be at most " + MAX_MEMO_BYTES + " UTF-8 bytes");
        }
        if (expiry.isNegative() || expiry.isZero() || expiry.getNano() != 0) {
            throw new IllegalArgumentException("expiry must be a positive whole number of seconds: " + expiry);
        }
    }
}
