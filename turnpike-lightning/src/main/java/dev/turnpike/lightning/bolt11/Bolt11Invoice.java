package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.bech32.Bech32;
import dev.turnpike.lightning.bech32.Bech32Data;
import dev.turnpike.lightning.bech32.Bech32Exception;
import dev.turnpike.lightning.bolt11.Bolt11Exception.Reason;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.crypto.PublicKey;
import dev.turnpike.lightning.crypto.RecoverableSignature;
import dev.turnpike.lightning.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A BOLT #11 invoice whose signature has been checked: made by {@link #decode} or by {@link Builder#sign}.
 * Immutable. It keeps every tagged field as written, in order, including unknown and skipped ones, so that
 * {@link #toBuilder()} re-encodes it exactly.
 */
public final class Bolt11Invoice {

    static final int TIMESTAMP_WORDS = 7;
    static final int SIGNATURE_WORDS = 104;
    private static final long MAX_TIMESTAMP = (1L << 35) - 1;

    private final String encoded;
    private final HumanReadablePart hrp;
    private final long timestamp;
    private final List<TaggedField> fields;
    private final PublicKey payee;
    private final RecoverableSignature signature;
    private final InvoiceFields meaning;

    private Bolt11Invoice(String encoded, HumanReadablePart hrp, long timestamp, List<TaggedField> fields,
            PublicKey payee, RecoverableSignature signature, InvoiceFields meaning) {
        this.encoded = encoded;
        this.hrp = hrp;
        this.timestamp = timestamp;
        this.fields = fields;
        this.payee = payee;
        this.signature = signature;
        this.meaning = meaning;
    }

    /**
     * Parses an invoice and checks its signature: against the {@code n} field when there is one, otherwise
     * by recovering the payee's public key. Accepts all-upper-case strings. Does not check expiry (that needs
     * a clock; see {@link #isExpiredAt}) nor the {@code h} hash (see {@link #descriptionHashMatches}).
     *
     * @throws Bolt11Exception for any string that is not a valid invoice; no other exception escapes
     * @throws NullPointerException if {@code invoice} is null
     */
    public static Bolt11Invoice decode(String invoice) throws Bolt11Exception {
        Objects.requireNonNull(invoice, "invoice");
        Bech32Data bech32;
        try {
            bech32 = Bech32.decode(invoice);
        } catch (Bech32Exception e) {
            throw new Bolt11Exception(Reason.INVALID_BECH32, "not valid bech32: " + e.getMessage(), e);
        }
        HumanReadablePart hrp = HumanReadablePart.parse(bech32.hrp());
        byte[] words = bech32.words();
        if (words.length < TIMESTAMP_WORDS + SIGNATURE_WORDS) {
            throw new Bolt11Exception(Reason.TOO_SHORT, "data part has " + words.length
                    + " words, fewer than the " + (TIMESTAMP_WORDS + SIGNATURE_WORDS) + " of a timestamp and signature");
        }
        long timestamp = 0;
        for (int i = 0; i < TIMESTAMP_WORDS; i++) {
            timestamp = (timestamp << 5) | words[i];
        }
        int signatureStart = words.length - SIGNATURE_WORDS;
        List<TaggedField> fields = readFields(words, signatureStart);
        RecoverableSignature signature = readSignature(words, signatureStart);
        InvoiceFields meaning = InvoiceFields.interpret(fields);
        byte[] hash = signedHash(bech32.hrp(), words, signatureStart);
        PublicKey payee;
        if (meaning.payee != null) {
            if (!meaning.payee.verify(hash, signature)) {
                throw new Bolt11Exception(Reason.SIGNATURE_MISMATCH, "signature does not verify against payee "
                        + meaning.payee.toHex() + " given in the n field");
            }
            payee = meaning.payee;
        } else {
            // A recovered key always verifies the signature it was recovered from: no separate check needed.
            payee = signature.recoverPublicKey(hash).orElseThrow(() -> new Bolt11Exception(
                    Reason.SIGNATURE_NOT_RECOVERABLE, "no public key can be recovered from the signature"));
        }
        return new Bolt11Invoice(invoice, hrp, timestamp, List.copyOf(fields), payee, signature, meaning);
    }

    private static List<TaggedField> readFields(byte[] words, int end) throws Bolt11Exception {
        List<TaggedField> fields = new ArrayList<>();
        int pos = TIMESTAMP_WORDS;
        while (pos < end) {
            if (end - pos < 3) {
                throw new Bolt11Exception(Reason.TRUNCATED_FIELD, "tagged field header at word " + pos
                        + " runs into the signature");
            }
            int type = words[pos];
            int length = (words[pos + 1] << 5) | words[pos + 2];
            pos += 3;
            if (length > end - pos) {
                throw new Bolt11Exception(Reason.TRUNCATED_FIELD, "tagged field '" + TaggedField.tagOf(type)
                        + "' of " + length + " words at word " + (pos - 3) + " runs into the signature");
            }
            fields.add(TaggedField.wrap(type, Arrays.copyOfRange(words, pos, pos + length)));
            pos += length;
        }
        return fields;
    }

    private static RecoverableSignature readSignature(byte[] words, int start) throws Bolt11Exception {
        byte[] bytes = Bech32.packWordsPadded(words, start, SIGNATURE_WORDS); // 520 bits: exactly 65 bytes
        int recoveryId = bytes[64] & 0xff;
        if (recoveryId > 3) {
            throw new Bolt11Exception(Reason.INVALID_RECOVERY_ID, "signature recovery id is " + recoveryId + ", not 0..3");
        }
        try {
            return RecoverableSignature.fromCompact(Arrays.copyOf(bytes, 64), recoveryId);
        } catch (IllegalArgumentException e) {
            throw new Bolt11Exception(Reason.INVALID_SIGNATURE, "invalid signature: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the hrp's bytes then the data words before the signature, packed into zero-padded bytes. */
    private static byte[] signedHash(String hrp, byte[] words, int signatureStart) {
        return Sha256.hash(hrp.getBytes(StandardCharsets.US_ASCII), Bech32.packWordsPadded(words, 0, signatureStart));
    }

    /** A builder for a new invoice on {@code network}. */
    public static Builder builder(Network network) {
        return new Builder(network);
    }

    /** A builder holding this invoice's network, amount, timestamp and fields, in order; signing it re-encodes. */
    public Builder toBuilder() {
        Builder builder = new Builder(hrp.network());
        builder.amountMsat = hrp.amountMsat();
        builder.timestamp = timestamp;
        builder.fields.addAll(fields);
        return builder;
    }

    /** The invoice string as given to {@link #decode} (possibly upper-case), or as signed (lower-case). */
    public String encoded() {
        return encoded;
    }

    public Network network() {
        return hrp.network();
    }

    /** The amount in millisatoshis; empty for an invoice of any amount. */
    public OptionalLong amountMsat() {
        return hrp.amountMsat() == HumanReadablePart.NO_AMOUNT ? OptionalLong.empty() : OptionalLong.of(hrp.amountMsat());
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(timestamp);
    }

    public long timestampSeconds() {
        return timestamp;
    }

    /** The payee: from the n field when present, otherwise recovered from the signature. */
    public PublicKey payee() {
        return payee;
    }

    /** Whether the invoice has an n field (so the payee was not recovered). */
    public boolean hasPayeeField() {
        return meaning.payee != null;
    }

    public RecoverableSignature signature() {
        return signature;
    }

    public PaymentHash paymentHash() {
        return meaning.paymentHash;
    }

    public byte[] paymentSecret() {
        return meaning.paymentSecret.clone();
    }

    public Optional<String> description() {
        return Optional.ofNullable(meaning.description);
    }

    public Optional<byte[]> descriptionHash() {
        return Optional.ofNullable(meaning.descriptionHash).map(byte[]::clone);
    }

    /** Whether the h field is the SHA-256 of {@code description} (false when there is no h field). */
    public boolean descriptionHashMatches(byte[] description) {
        return meaning.descriptionHash != null && MessageDigest.isEqual(meaning.descriptionHash, Sha256.hash(description));
    }

    /** Seconds after the timestamp at which the invoice expires; 3600 when there is no x field. */
    public long expirySeconds() {
        return meaning.expirySeconds;
    }

    public Duration expiry() {
        return Duration.ofSeconds(meaning.expirySeconds);
    }

    /** Timestamp plus expiry; {@link Instant#MAX} if that overflows. */
    public Instant expiresAt() {
        long seconds = timestamp + meaning.expirySeconds;
        return seconds < 0 || seconds > Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(seconds);
    }

    /** Whether the invoice has expired at {@code now}: at or after {@link #expiresAt()}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt());
    }

    /** min_final_cltv_expiry_delta; 18 when there is no c field. */
    public long minFinalCltvExpiry() {
        return meaning.minFinalCltvExpiry;
    }

    public List<FallbackAddress> fallbackAddresses() {
        return List.copyOf(meaning.fallbackAddresses);
    }

    public List<RouteHint> routeHints() {
        return List.copyOf(meaning.routeHints);
    }

    /** The 9 field's features; none when there is no 9 field. */
    public Features features() {
        return meaning.features;
    }

    public Optional<byte[]> metadata() {
        return Optional.ofNullable(meaning.metadata).map(byte[]::clone);
    }

    /** Every tagged field as written, in order. */
    public List<TaggedField> fields() {
        return fields;
    }

    /** The fields of types this reader does not know, in order. */
    public List<TaggedField> unknownFields() {
        return fields.stream().filter(f -> !isKnownType(f.type())).toList();
    }

    private static boolean isKnownType(int type) {
        return switch (type) {
            case TaggedField.PAYMENT_HASH, TaggedField.ROUTE_HINT, TaggedField.FEATURES, TaggedField.EXPIRY,
                    TaggedField.FALLBACK_ADDRESS, TaggedField.DESCRIPTION, TaggedField.PAYMENT_SECRET,
                    TaggedField.PAYEE, TaggedField.DESCRIPTION_HASH, TaggedField.MIN_FINAL_CLTV_EXPIRY,
                    TaggedField.METADATA -> true;
            default -> false;
        };
    }

    /** Invoices are equal when their strings are, ignoring case. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Bolt11Invoice other && encoded.equalsIgnoreCase(other.encoded);
    }

    @Override
    public int hashCode() {
        return encoded.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return encoded;
    }

    /**
     * Builds and signs an invoice. Fields are written in the order their setters are called; a writer must
     * include a payment hash, a payment secret, and a description or description hash.
     */
    public static final class Builder {

        private final Network network;
        private long amountMsat = HumanReadablePart.NO_AMOUNT;
        private long timestamp = -1;
        private final List<TaggedField> fields = new ArrayList<>();

        private Builder(Network network) {
            this.network = Objects.requireNonNull(network, "network");
        }

        /** The amount in millisatoshis, 1 up to 21 million bitcoin; omit for an invoice of any amount. */
        public Builder amountMsat(long msat) {
            if (msat <= 0 || msat > HumanReadablePart.MAX_AMOUNT_MSAT) {
                throw new IllegalArgumentException("amount must be 1..2.1e18 msat, not " + msat);
            }
            this.amountMsat = msat;
            return this;
        }

        /** The creation time, in whole seconds (35 bits); required. */
        public Builder timestamp(Instant timestamp) {
            long seconds = timestamp.getEpochSecond();
            if (seconds < 0 || seconds > MAX_TIMESTAMP) {
                throw new IllegalArgumentException("timestamp must fit in 35 bits: " + timestamp);
            }
            this.timestamp = seconds;
            return this;
        }

        public Builder paymentHash(PaymentHash hash) {
            return field(TaggedField.PAYMENT_HASH, Bech32.toWords(hash.bytes()));
        }

        public Builder paymentSecret(byte[] secret) {
            return field(TaggedField.PAYMENT_SECRET, Bech32.toWords(exactly(32, secret, "payment secret")));
        }

        /** A description of at most 639 UTF-8 bytes. */
        public Builder description(String description) {
            return field(TaggedField.DESCRIPTION, Bech32.toWords(description.getBytes(StandardCharsets.UTF_8)));
        }

        public Builder descriptionHash(byte[] sha256) {
            return field(TaggedField.DESCRIPTION_HASH, Bech32.toWords(exactly(32, sha256, "description hash")));
        }

        public Builder expirySeconds(long seconds) {
            return field(TaggedField.EXPIRY, integerWords(seconds));
        }

        public Builder minFinalCltvExpiry(long blocks) {
            return field(TaggedField.MIN_FINAL_CLTV_EXPIRY, integerWords(blocks));
        }

        /** The n field; it must be the signing key's public key. */
        public Builder payee(PublicKey payee) {
            return field(TaggedField.PAYEE, Bech32.toWords(payee.bytes()));
        }

        public Builder fallbackAddress(FallbackAddress address) {
            return field(TaggedField.FALLBACK_ADDRESS, address.toWords());
        }

        public Builder routeHint(RouteHint hint) {
            return field(TaggedField.ROUTE_HINT, hint.toWords());
        }

        /** The 9 field; written only if some bit is set, as the spec requires. */
        public Builder features(Features features) {
            return features.isEmpty() ? this : field(TaggedField.FEATURES, features.toWords());
        }

        public Builder metadata(byte[] metadata) {
            return field(TaggedField.METADATA, Bech32.toWords(metadata));
        }

        /** Any field, as raw words; for fields this class has no setter for. */
        public Builder field(TaggedField field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /**
         * Adds a field through a typed setter. Those setters write each field at most once, and a description
         * or a description hash but not both, as the spec requires of writers; {@link #field(TaggedField)}
         * does not check, so that a decoded invoice re-encodes exactly.
         */
        private Builder field(int type, byte[] words) {
            boolean isDescription = type == TaggedField.DESCRIPTION || type == TaggedField.DESCRIPTION_HASH;
            for (TaggedField existing : fields) {
                boolean clash = existing.type() == type || (isDescription
                        && (existing.type() == TaggedField.DESCRIPTION || existing.type() == TaggedField.DESCRIPTION_HASH));
                if (clash && type != TaggedField.FALLBACK_ADDRESS && type != TaggedField.ROUTE_HINT) {
                    throw new IllegalStateException("field '" + TaggedField.tagOf(type) + "' conflicts with the '"
                            + existing.tag() + "' field already set");
                }
            }
            if (words.length > TaggedField.MAX_WORDS) {
                throw new IllegalArgumentException("field '" + TaggedField.tagOf(type)
                        + "' needs " + words.length + " words, more than " + TaggedField.MAX_WORDS);
            }
            return field(TaggedField.wrap(type, words));
        }

        /**
         * Signs the invoice with {@code key} (RFC 6979, so the same input always gives the same string).
         *
         * @throws IllegalStateException if a required field or the timestamp is missing, a field is invalid,
         *     the n field is not {@code key}'s public key, or the result is longer than bech32 can decode
         */
        public Bolt11Invoice sign(PrivateKey key) {
            if (timestamp < 0) {
                throw new IllegalStateException("timestamp is required");
            }
            InvoiceFields meaning;
            try {
                meaning = InvoiceFields.interpret(fields);
            } catch (Bolt11Exception e) {
                throw new IllegalStateException("cannot write this invoice: " + e.getMessage(), e);
            }
            PublicKey payee = key.publicKey();
            if (meaning.payee != null && !meaning.payee.equals(payee)) {
                throw new IllegalStateException("the n field must be the signing key's public key");
            }
            HumanReadablePart hrp = new HumanReadablePart(network, amountMsat);
            String hrpText = hrp.encode();
            byte[] words = dataWords();
            int signatureStart = words.length - SIGNATURE_WORDS;
            RecoverableSignature signature = key.sign(signedHash(hrpText, words, signatureStart));
            byte[] signatureBytes = Arrays.copyOf(signature.compact(), 65);
            signatureBytes[64] = (byte) signature.recoveryId();
            System.arraycopy(Bech32.toWords(signatureBytes), 0, words, signatureStart, SIGNATURE_WORDS);
            String encoded = Bech32.encode(hrpText, words);
            if (encoded.length() > Bech32.MAX_LENGTH) {
                throw new IllegalStateException("invoice has " + encoded.length() + " characters, more than "
                        + Bech32.MAX_LENGTH);
            }
            return new Bolt11Invoice(encoded, hrp, timestamp, List.copyOf(fields), payee, signature, meaning);
        }

        /** Timestamp, fields, and room for the signature. */
        private byte[] dataWords() {
            int length = TIMESTAMP_WORDS + SIGNATURE_WORDS;
            for (TaggedField field : fields) {
                length += 3 + field.length();
            }
            byte[] words = new byte[length];
            for (int i = 0; i < TIMESTAMP_WORDS; i++) {
                words[i] = (byte) ((timestamp >>> (5 * (TIMESTAMP_WORDS - 1 - i))) & 31);
            }
            int pos = TIMESTAMP_WORDS;
            for (TaggedField field : fields) {
                words[pos] = (byte) field.type();
                words[pos + 1] = (byte) (field.length() >>> 5);
                words[pos + 2] = (byte) (field.length() & 31);
                System.arraycopy(field.wordsUnsafe(), 0, words, pos + 3, field.length());
                pos += 3 + field.length();
            }
            return words;
        }

        /** The fewest words holding {@code value}; none for zero. */
        private static byte[] integerWords(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("must not be negative: " + value);
            }
            int count = (64 - Long.numberOfLeadingZeros(value) + 4) / 5;
            byte[] words = new byte[count];
            for (int i = 0; i < count; i++) {
                words[count - 1 - i] = (byte) ((value >>> (5 * i)) & 31);
            }
            return words;
        }

        private static byte[] exactly(int length, byte[] value, String what) {
            if (value.length != length) {
                throw new IllegalArgumentException(what + " has " + length + " bytes, not " + value.length);
            }
            return value;
        }
    }
}
