package dev.turnpike.lightning.bolt11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.lightning.bech32.Bech32;
import dev.turnpike.lightning.bolt11.Bolt11Exception.Reason;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class Bolt11InvoiceTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final PrivateKey KEY = PrivateKey.fromBytes(HEX.parseHex(SpecVectors.PRIVATE_KEY));
    private static final PrivateKey OTHER_KEY = PrivateKey.fromBytes(HEX.parseHex("11".repeat(32)));
    private static final PaymentHash HASH = PaymentHash.fromHex(SpecVectors.HASH);
    private static final byte[] SECRET = HEX.parseHex(SpecVectors.SECRET);
    private static final Instant TIME = Instant.ofEpochSecond(SpecVectors.TIMESTAMP);

    private static Bolt11Invoice.Builder minimal(Network network) {
        return Bolt11Invoice.builder(network).timestamp(TIME).paymentHash(HASH).paymentSecret(SECRET).description("x");
    }

    private static List<TaggedField> requiredFields() {
        List<TaggedField> fields = new ArrayList<>();
        fields.add(RawInvoices.field(TaggedField.PAYMENT_HASH, HASH.bytes()));
        fields.add(RawInvoices.field(TaggedField.PAYMENT_SECRET, SECRET));
        fields.add(RawInvoices.field(TaggedField.DESCRIPTION, "x".getBytes(StandardCharsets.UTF_8)));
        return fields;
    }

    private static Reason rejection(String invoice) {
        Bolt11Exception e = catchThrowableOfType(Bolt11Exception.class, () -> Bolt11Invoice.decode(invoice));
        assertThat(e).as("rejected: " + invoice).isNotNull();
        return e.reason();
    }

    @ParameterizedTest
    @CsvSource({
        "100000000000, lnbc1",
        "2500000000000, lnbc25",
        "100000000, lnbc1m",
        "250000000, lnbc2500u",
        "100000, lnbc1u",
        "100, lnbc1n",
        "1, lnbc10p",
        "967878534, lnbc9678785340p",
        "2100000000000000000, lnbc21000000"
    })
    void writesTheShortestAmountAndReadsItBack(long msat, String hrp) throws Exception {
        Bolt11Invoice invoice = minimal(Network.BITCOIN).amountMsat(msat).sign(KEY);

        assertThat(invoice.encoded()).startsWith(hrp + "1");
        assertThat(Bolt11Invoice.decode(invoice.encoded()).amountMsat()).hasValue(msat);
    }

    @ParameterizedTest
    @CsvSource({
        "lnbc01m, INVALID_AMOUNT",
        "lnbc0, INVALID_AMOUNT",
        "lnbcm, INVALID_AMOUNT",
        "lnbc1a0m, INVALID_AMOUNT",
        "lnbc25x, INVALID_MULTIPLIER",
        "lnbc1mm, INVALID_AMOUNT",
        "lnbc11p, SUB_MILLISATOSHI_AMOUNT",
        "lnbc21000001, AMOUNT_TOO_LARGE",
        "lnbc999999999999999999999m, AMOUNT_TOO_LARGE",
        "lnxy1m, UNKNOWN_NETWORK",
        "bc1m, UNKNOWN_PREFIX"
    })
    void rejectsInvalidHumanReadableParts(String hrp, Reason reason) {
        assertThat(rejection(RawInvoices.sign(hrp, SpecVectors.TIMESTAMP, requiredFields(), KEY))).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(Network.class)
    void roundTripsEveryNetworkWithAndWithoutAmount(Network network) throws Exception {
        Bolt11Invoice withAmount = minimal(network).amountMsat(1000).sign(KEY);
        Bolt11Invoice without = minimal(network).sign(KEY);

        assertThat(withAmount.encoded()).startsWith("ln" + network.prefix() + "10n1");
        assertThat(without.encoded()).startsWith("ln" + network.prefix() + "1");
        assertThat(Bolt11Invoice.decode(withAmount.encoded()).network()).isEqualTo(network);
        assertThat(Bolt11Invoice.decode(without.encoded()).network()).isEqualTo(network);
        assertThat(Bolt11Invoice.decode(without.encoded()).amountMsat()).isEmpty();
    }

    @Test
    void buildsEveryFieldAndDecodesItBack() throws Exception {
        PublicKey hop = PublicKey.fromHex("029e03a901b85534ff1e92c43c74431f7ce72046060fcf7a95c37e148f78c77255");
        RouteHint route = new RouteHint(List.of(new RouteHintHop(hop, 0x0102030405060708L, 1, 20, 3)));
        FallbackAddress fallback = FallbackAddress.of(0, HEX.parseHex("751e76e8199196d454941c45d1b3a323f1433bd6"));
        byte[] descriptionHash = HEX.parseHex(SpecVectors.CAKE_HASH);

        Bolt11Invoice built = Bolt11Invoice.builder(Network.REGTEST)
                .amountMsat(123_456)
                .timestamp(TIME)
                .paymentHash(HASH)
                .paymentSecret(SECRET)
                .descriptionHash(descriptionHash)
                .expirySeconds(604_800)
                .minFinalCltvExpiry(144)
                .payee(KEY.publicKey())
                .fallbackAddress(fallback)
                .routeHint(route)
                .features(Features.of(8, 14, 17, 49))
                .metadata(new byte[] {1, (byte) 0xfa})
                .field(TaggedField.of(30, new byte[] {1, 2, 3}))
                .sign(KEY);
        Bolt11Invoice decoded = Bolt11Invoice.decode(built.encoded());

        assertThat(decoded.encoded()).isEqualTo(built.encoded()).startsWith("lnbcrt1234560p1");
        assertThat(decoded.amountMsat()).hasValue(123_456);
        assertThat(decoded.timestamp()).isEqualTo(TIME);
        assertThat(decoded.paymentHash()).isEqualTo(HASH);
        assertThat(decoded.paymentSecret()).containsExactly(SECRET);
        assertThat(decoded.description()).isEmpty();
        assertThat(decoded.descriptionHash()).hasValueSatisfying(h -> assertThat(h).containsExactly(descriptionHash));
        assertThat(decoded.expirySeconds()).isEqualTo(604_800);
        assertThat(decoded.expiresAt()).isEqualTo(TIME.plusSeconds(604_800));
        assertThat(decoded.minFinalCltvExpiry()).isEqualTo(144);
        assertThat(decoded.hasPayeeField()).isTrue();
        assertThat(decoded.payee()).isEqualTo(KEY.publicKey());
        assertThat(decoded.fallbackAddresses()).containsExactly(fallback);
        assertThat(decoded.routeHints()).containsExactly(route);
        assertThat(decoded.features().setBits()).containsExactly(8, 14, 17, 49);
        assertThat(decoded.metadata()).hasValueSatisfying(m -> assertThat(m).containsExactly(1, 0xfa));
        assertThat(decoded.unknownFields()).containsExactly(TaggedField.of(30, new byte[] {1, 2, 3}));
        assertThat(decoded.fields()).isEqualTo(built.fields());
        assertThat(decoded.signature()).isEqualTo(built.signature());
    }

    @Test
    void signingIsDeterministic() {
        assertThat(minimal(Network.BITCOIN).sign(KEY).encoded()).isEqualTo(minimal(Network.BITCOIN).sign(KEY).encoded());
    }

    @Test
    void writesTheMinimalIntegerFieldsAndDefaults() throws Exception {
        Bolt11Invoice invoice = Bolt11Invoice.decode(minimal(Network.BITCOIN).expirySeconds(60).sign(KEY).encoded());

        assertThat(invoice.fields().get(3)).isEqualTo(TaggedField.of(TaggedField.EXPIRY, new byte[] {1, 28}));
        assertThat(invoice.minFinalCltvExpiry()).isEqualTo(18);
        assertThat(Bolt11Invoice.decode(minimal(Network.BITCOIN).sign(KEY).encoded()).expirySeconds()).isEqualTo(3600);
        assertThat(invoice.isExpiredAt(TIME.plusSeconds(59))).isFalse();
        assertThat(invoice.isExpiredAt(TIME.plusSeconds(60))).isTrue();
    }

    @Test
    void theBuilderRefusesToWriteAnInvoiceTheSpecForbids() {
        assertThatThrownBy(() -> Bolt11Invoice.builder(Network.BITCOIN).timestamp(TIME).paymentSecret(SECRET)
                .description("x").sign(KEY)).isInstanceOf(IllegalStateException.class).hasMessageContaining("payment hash");
        assertThatThrownBy(() -> Bolt11Invoice.builder(Network.BITCOIN).paymentHash(HASH).paymentSecret(SECRET)
                .description("x").sign(KEY)).isInstanceOf(IllegalStateException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> minimal(Network.BITCOIN).payee(OTHER_KEY.publicKey()).sign(KEY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> minimal(Network.BITCOIN).features(Features.of(100)).sign(KEY))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> minimal(Network.BITCOIN).paymentHash(HASH)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> minimal(Network.BITCOIN).descriptionHash(new byte[32]))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> minimal(Network.BITCOIN).expirySeconds(1).expirySeconds(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> minimal(Network.BITCOIN).amountMsat(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bolt11Invoice.builder(Network.BITCOIN).description("x".repeat(640)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksTheSignatureAgainstThePayeeField() {
        List<TaggedField> fields = requiredFields();
        fields.add(RawInvoices.field(TaggedField.PAYEE, OTHER_KEY.publicKey().bytes()));

        assertThat(rejection(RawInvoices.sign("lnbc", SpecVectors.TIMESTAMP, fields, KEY))).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsMissingRequiredFields() {
        for (int missing = 0; missing < 3; missing++) {
            List<TaggedField> fields = requiredFields();
            fields.remove(missing);
            // A field of the wrong length is skipped, which leaves the field missing too.
            fields.add(TaggedField.of(fields.isEmpty() ? 1 : TaggedField.PAYMENT_HASH, new byte[51]));

            Reason expected = List.of(Reason.MISSING_PAYMENT_HASH, Reason.MISSING_PAYMENT_SECRET,
                    Reason.MISSING_DESCRIPTION).get(missing);
            assertThat(rejection(RawInvoices.sign("lnbc", SpecVectors.TIMESTAMP, fields, KEY))).isEqualTo(expected);
        }
    }

    @Test
    void usesTheFirstPaymentHashItDidNotSkip() throws Exception {
        List<TaggedField> fields = new ArrayList<>();
        fields.add(TaggedField.of(TaggedField.PAYMENT_HASH, new byte[53]));
        fields.addAll(requiredFields());
        fields.add(RawInvoices.field(TaggedField.PAYMENT_HASH, new byte[32]));

        assertThat(Bolt11Invoice.decode(RawInvoices.sign("lnbc", SpecVectors.TIMESTAMP, fields, KEY)).paymentHash())
                .isEqualTo(HASH);
    }

    @Test
    void rejectsMalformedKnownFields() {
        assertThat(rejectionWith(TaggedField.of(TaggedField.DESCRIPTION, new byte[3]))).isEqualTo(Reason.INVALID_FIELD_PADDING);
        assertThat(rejectionWith(RawInvoices.field(TaggedField.DESCRIPTION, new byte[] {(byte) 0xc3, 0x28})))
                .isEqualTo(Reason.INVALID_DESCRIPTION);
        assertThat(rejectionWith(TaggedField.of(TaggedField.EXPIRY, filled(14, 31)))).isEqualTo(Reason.INVALID_INTEGER_FIELD);
        assertThat(rejectionWith(TaggedField.of(TaggedField.PAYEE, new byte[53]))).isEqualTo(Reason.INVALID_PAYEE_PUBLIC_KEY);
        assertThat(rejectionWith(TaggedField.of(TaggedField.FALLBACK_ADDRESS, new byte[0])))
                .isEqualTo(Reason.INVALID_FALLBACK_ADDRESS);
        byte[] shortP2pkh = new byte[1 + 31]; // version 17 and 31 words: a 19-byte hash
        shortP2pkh[0] = 17;
        assertThat(rejectionWith(TaggedField.of(TaggedField.FALLBACK_ADDRESS, shortP2pkh)))
                .isEqualTo(Reason.INVALID_FALLBACK_ADDRESS);
        assertThat(rejectionWith(RawInvoices.field(TaggedField.ROUTE_HINT, new byte[50]))).isEqualTo(Reason.INVALID_ROUTE_HINT);
        assertThat(rejectionWith(RawInvoices.field(TaggedField.ROUTE_HINT, new byte[51]))).isEqualTo(Reason.INVALID_ROUTE_HINT);
        assertThat(rejectionWith(TaggedField.of(TaggedField.FEATURES, Features.of(17).toWords())))
                .isEqualTo(Reason.MISSING_FEATURE_DEPENDENCY);
        assertThat(rejectionWith(TaggedField.of(TaggedField.FEATURES, Features.of(0).toWords())))
                .isEqualTo(Reason.UNKNOWN_REQUIRED_FEATURE);
    }

    @Test
    void skipsFallbacksOfUnknownVersionAndIgnoresUnknownOddFeatures() throws Exception {
        List<TaggedField> fields = requiredFields();
        fields.add(TaggedField.of(TaggedField.FALLBACK_ADDRESS, new byte[] {19, 1, 2}));
        fields.add(TaggedField.of(TaggedField.FEATURES, Features.of(8, 14, 101).toWords()));

        Bolt11Invoice invoice = Bolt11Invoice.decode(RawInvoices.sign("lnbc", SpecVectors.TIMESTAMP, fields, KEY));

        assertThat(invoice.fallbackAddresses()).isEmpty();
        assertThat(invoice.features().isSet(101)).isTrue();
    }

    @Test
    void rejectsTruncatedFieldsAndBadSignatures() throws Exception {
        String valid = minimal(Network.BITCOIN).sign(KEY).encoded();
        byte[] words = Bech32.decode(valid).words();

        byte[] longField = words.clone();
        longField[8] = 31; // the first field's data_length now runs past the end
        assertThat(rejection(Bech32.encode("lnbc", longField))).isEqualTo(Reason.TRUNCATED_FIELD);

        byte[] badRecoveryId = words.clone();
        badRecoveryId[words.length - 1] = 8; // recovery id byte 4
        assertThat(rejection(Bech32.encode("lnbc", badRecoveryId))).isEqualTo(Reason.INVALID_RECOVERY_ID);

        byte[] zeroR = words.clone();
        Arrays.fill(zeroR, words.length - 104, words.length - 104 + 52, (byte) 0); // r = 0
        assertThat(rejection(Bech32.encode("lnbc", zeroR))).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void anInvoiceAlteredAfterSigningRecoversADifferentPayee() throws Exception {
        byte[] words = Bech32.decode(RawInvoices.sign("lnbc", SpecVectors.TIMESTAMP, requiredFields(), KEY)).words();

        Bolt11Invoice altered = Bolt11Invoice.decode(Bech32.encode("lntb", words));

        assertThat(altered.payee()).isNotEqualTo(KEY.publicKey());
    }

    /** The rejection of an invoice with {@code extra} first, so that it is the field of its type that counts. */
    private static Reason rejectionWith(TaggedField extra) {
        List<TaggedField> fields = requiredFields();
        fields.add(0, extra);
        return rejection(RawInvoices.sign("lnbc", SpecVectors.TIMESTAMP, fields, KEY));
    }

    private static byte[] filled(int length, int value) {
        byte[] words = new byte[length];
        Arrays.fill(words, (byte) value);
        return words;
    }
}
