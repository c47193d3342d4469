package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.bech32.Bech32;
import dev.turnpike.lightning.bech32.Bech32Exception;
import dev.turnpike.lightning.bolt11.Bolt11Exception.Reason;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The meaning of an invoice's tagged fields, following the BOLT #11 reader rules: p, h, s and n fields of the
 * wrong length, f fields of unknown version, and unknown types are skipped (but kept by the invoice); of
 * repeated fields the first counts.
 */
final class InvoiceFields {

    static final long DEFAULT_EXPIRY_SECONDS = 3600;
    static final long DEFAULT_MIN_FINAL_CLTV_EXPIRY = 18;

    private static final int HASH_WORDS = 52;
    private static final int PUBLIC_KEY_WORDS = 53;

    PaymentHash paymentHash;
    byte[] paymentSecret;
    String description;
    byte[] descriptionHash;
    PublicKey payee;
    long expirySeconds = -1;
    long minFinalCltvExpiry = -1;
    Features features;
    byte[] metadata;
    final List<FallbackAddress> fallbackAddresses = new ArrayList<>();
    final List<RouteHint> routeHints = new ArrayList<>();

    private InvoiceFields() {}

    static InvoiceFields interpret(List<TaggedField> fields) throws Bolt11Exception {
        InvoiceFields result = new InvoiceFields();
        for (TaggedField field : fields) {
            result.read(field);
        }
        return result.validated();
    }

    private void read(TaggedField field) throws Bolt11Exception {
        byte[] w = field.wordsUnsafe();
        switch (field.type()) {
            case TaggedField.PAYMENT_HASH -> {
                if (paymentHash == null && w.length == HASH_WORDS) {
                    paymentHash = PaymentHash.of(bytes(field));
                }
            }
            case TaggedField.PAYMENT_SECRET -> {
                if (paymentSecret == null && w.length == HASH_WORDS) {
                    paymentSecret = bytes(field);
                }
            }
            case TaggedField.DESCRIPTION_HASH -> {
                if (descriptionHash == null && w.length == HASH_WORDS) {
                    descriptionHash = bytes(field);
                }
            }
            case TaggedField.PAYEE -> {
                if (payee == null && w.length == PUBLIC_KEY_WORDS) {
                    payee = publicKey(field);
                }
            }
            case TaggedField.DESCRIPTION -> {
                if (description == null) {
                    description = utf8(field);
                }
            }
            case TaggedField.EXPIRY -> {
                if (expirySeconds < 0) {
                    expirySeconds = integer(field);
                }
            }
            case TaggedField.MIN_FINAL_CLTV_EXPIRY -> {
                if (minFinalCltvExpiry < 0) {
                    minFinalCltvExpiry = integer(field);
                }
            }
            case TaggedField.FEATURES -> {
                if (features == null) {
                    features = Features.fromWords(w);
                }
            }
            case TaggedField.METADATA -> {
                if (metadata == null) {
                    metadata = bytes(field);
                }
            }
            case TaggedField.FALLBACK_ADDRESS -> readFallback(field);
            case TaggedField.ROUTE_HINT -> routeHints.add(routeHint(field));
            default -> {
                // Unknown: skipped here, kept in the invoice's field list.
            }
        }
    }

    private InvoiceFields validated() throws Bolt11Exception {
        if (paymentHash == null) {
            throw new Bolt11Exception(Reason.MISSING_PAYMENT_HASH, "no payment hash (p field of 52 words)");
        }
        if (paymentSecret == null) {
            throw new Bolt11Exception(Reason.MISSING_PAYMENT_SECRET, "no payment secret (s field of 52 words)");
        }
        if (description == null && descriptionHash == null) {
            throw new Bolt11Exception(Reason.MISSING_DESCRIPTION, "neither a description (d) nor a description hash (h)");
        }
        if (features == null) {
            features = Features.none();
        }
        int unknown = features.firstUnknownRequiredBit();
        if (unknown >= 0) {
            throw new Bolt11Exception(Reason.UNKNOWN_REQUIRED_FEATURE, "invoice requires unknown feature bit " + unknown);
        }
        if (features.supports(Features.BASIC_MPP) && !features.supports(Features.PAYMENT_SECRET)) {
            throw new Bolt11Exception(Reason.MISSING_FEATURE_DEPENDENCY, "feature basic_mpp is set without payment_secret");
        }
        if (expirySeconds < 0) {
            expirySeconds = DEFAULT_EXPIRY_SECONDS;
        }
        if (minFinalCltvExpiry < 0) {
            minFinalCltvExpiry = DEFAULT_MIN_FINAL_CLTV_EXPIRY;
        }
        return this;
    }

    private void readFallback(TaggedField field) throws Bolt11Exception {
        byte[] w = field.wordsUnsafe();
        if (w.length == 0) {
            throw new Bolt11Exception(Reason.INVALID_FALLBACK_ADDRESS, "fallback address field is empty");
        }
        int version = w[0];
        if (version > FallbackAddress.P2SH) {
            return; // unknown version: the spec says skip
        }
        byte[] program = bytes(field, 1);
        String problem = FallbackAddress.problem(version, program.length);
        if (problem != null) {
            throw new Bolt11Exception(Reason.INVALID_FALLBACK_ADDRESS, problem);
        }
        fallbackAddresses.add(FallbackAddress.of(version, program));
    }

    private static RouteHint routeHint(TaggedField field) throws Bolt11Exception {
        byte[] bytes = bytes(field);
        if (bytes.length == 0 || bytes.length % RouteHintHop.LENGTH != 0) {
            throw new Bolt11Exception(Reason.INVALID_ROUTE_HINT,
                    "route hint has " + bytes.length + " bytes, not a positive multiple of 51");
        }
        List<RouteHintHop> hops = new ArrayList<>(bytes.length / RouteHintHop.LENGTH);
        for (int offset = 0; offset < bytes.length; offset += RouteHintHop.LENGTH) {
            try {
                hops.add(RouteHintHop.read(bytes, offset));
            } catch (IllegalArgumentException e) {
                throw new Bolt11Exception(Reason.INVALID_ROUTE_HINT, "route hint hop " + offset / RouteHintHop.LENGTH
                        + " has an invalid node id: " + e.getMessage(), e);
            }
        }
        return new RouteHint(hops);
    }

    private static PublicKey publicKey(TaggedField field) throws Bolt11Exception {
        try {
            return PublicKey.fromBytes(bytes(field));
        } catch (IllegalArgumentException e) {
            throw new Bolt11Exception(Reason.INVALID_PAYEE_PUBLIC_KEY, "payee (n field) is not a valid public key: "
                    + e.getMessage(), e);
        }
    }

    private static String utf8(TaggedField field) throws Bolt11Exception {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes(field))).toString();
        } catch (CharacterCodingException e) {
            throw new Bolt11Exception(Reason.INVALID_DESCRIPTION, "description (d field) is not valid UTF-8", e);
        }
    }

    /** A big-endian unsigned integer; leading zero words are allowed, a value past 63 bits is not. */
    private static long integer(TaggedField field) throws Bolt11Exception {
        long value = 0;
        for (byte word : field.wordsUnsafe()) {
            if ((value >>> 58) != 0) {
                throw new Bolt11Exception(Reason.INVALID_INTEGER_FIELD,
                        "field '" + field.tag() + "' holds an integer larger than 63 bits");
            }
            value = (value << 5) | word;
        }
        return value;
    }

    private static byte[] bytes(TaggedField field) throws Bolt11Exception {
        return bytes(field, 0);
    }

    private static byte[] bytes(TaggedField field, int fromWord) throws Bolt11Exception {
        byte[] w = field.wordsUnsafe();
        try {
            return Bech32.fromWords(w, fromWord, w.length - fromWord);
        } catch (Bech32Exception e) {
            throw new Bolt11Exception(Reason.INVALID_FIELD_PADDING,
                    "field '" + field.tag() + "' is badly padded: " + e.getMessage(), e);
        }
    }
}
