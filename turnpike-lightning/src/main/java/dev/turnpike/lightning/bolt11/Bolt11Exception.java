package dev.turnpike.lightning.bolt11;

/** A string that is not a valid BOLT #11 invoice; {@link #reason()} says why, the message says where. */
public final class Bolt11Exception extends Exception {

    /** Why an invoice was rejected. */
    public enum Reason {
        /** Not valid bech32; the cause is the {@link dev.turnpike.lightning.bech32.Bech32Exception}. */
        INVALID_BECH32,
        /** The human-readable part does not start with "ln". */
        UNKNOWN_PREFIX,
        /** The currency prefix after "ln" is not a known network. */
        UNKNOWN_NETWORK,
        /** The amount is not a positive decimal integer without leading zeros. */
        INVALID_AMOUNT,
        /** The amount is followed by something other than m, u, n or p. */
        INVALID_MULTIPLIER,
        /** A pico-bitcoin amount that is not a whole number of millisatoshis. */
        SUB_MILLISATOSHI_AMOUNT,
        /** More than 21 million bitcoin. */
        AMOUNT_TOO_LARGE,
        /** The data part is shorter than a timestamp and a signature. */
        TOO_SHORT,
        /** A tagged field runs into the signature. */
        TRUNCATED_FIELD,
        /** A field's data has more than 4 padding bits, or padding bits that are not zero. */
        INVALID_FIELD_PADDING,
        /** An integer field (expiry, min_final_cltv_expiry) does not fit in 63 bits. */
        INVALID_INTEGER_FIELD,
        /** The description is not valid UTF-8. */
        INVALID_DESCRIPTION,
        /** The n field is not a valid compressed public key. */
        INVALID_PAYEE_PUBLIC_KEY,
        /** A fallback address of a known version has an invalid program. */
        INVALID_FALLBACK_ADDRESS,
        /** A route hint is not a non-empty sequence of 51-byte hops with valid node ids. */
        INVALID_ROUTE_HINT,
        /** The feature vector sets an even (required) bit this reader does not know. */
        UNKNOWN_REQUIRED_FEATURE,
        /** The feature vector sets a feature without a feature it depends on. */
        MISSING_FEATURE_DEPENDENCY,
        /** No p field of the right length. */
        MISSING_PAYMENT_HASH,
        /** No s field of the right length (writers must include one). */
        MISSING_PAYMENT_SECRET,
        /** Neither a d field nor an h field of the right length. */
        MISSING_DESCRIPTION,
        /** The recovery id is not 0..3. */
        INVALID_RECOVERY_ID,
        /** The signature's r or s is not in 1..n-1. */
        INVALID_SIGNATURE,
        /** No public key can be recovered from the signature. */
        SIGNATURE_NOT_RECOVERABLE,
        /** The signature does not verify against the payee in the n field. */
        SIGNATURE_MISMATCH
    }

    private final Reason reason;

    Bolt11Exception(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Bolt11Exception(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
