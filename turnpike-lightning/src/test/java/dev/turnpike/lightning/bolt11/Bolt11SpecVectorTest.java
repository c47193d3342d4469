package dev.turnpike.lightning.bolt11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.lightning.bech32.Bech32Exception;
import dev.turnpike.lightning.bolt11.SpecVectors.Invalid;
import dev.turnpike.lightning.bolt11.SpecVectors.Valid;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.crypto.PublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Bolt11SpecVectorTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final PrivateKey KEY = PrivateKey.fromBytes(HEX.parseHex(SpecVectors.PRIVATE_KEY));

    static Stream<Valid> valid() {
        return SpecVectors.VALID.stream();
    }

    static Stream<Invalid> invalid() {
        return SpecVectors.INVALID.stream();
    }

    @Test
    void theSpecKeyIsThePayeeOfTheExamples() {
        assertThat(KEY.publicKey().toHex()).isEqualTo(SpecVectors.PAYEE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesEveryValidExampleToExactlyItsFields(Valid v) throws Exception {
        Bolt11Invoice invoice = Bolt11Invoice.decode(v.invoice());

        assertThat(invoice.network()).isEqualTo(v.network());
        if (v.amountMsat() == null) {
            assertThat(invoice.amountMsat()).isEmpty();
        } else {
            assertThat(invoice.amountMsat()).hasValue(v.amountMsat());
        }
        assertThat(invoice.timestampSeconds()).isEqualTo(v.timestamp());
        assertThat(invoice.paymentHash().toHex()).isEqualTo(v.paymentHash());
        assertThat(HEX.formatHex(invoice.paymentSecret())).isEqualTo(SpecVectors.SECRET);
        assertThat(invoice.description()).isEqualTo(java.util.Optional.ofNullable(v.description()));
        assertThat(invoice.descriptionHash().map(HEX::formatHex)).isEqualTo(java.util.Optional.ofNullable(v.descriptionHash()));
        assertThat(invoice.expirySeconds()).isEqualTo(v.expiry());
        assertThat(invoice.minFinalCltvExpiry()).isEqualTo(v.minFinalCltv());
        assertThat(invoice.fallbackAddresses()).containsExactlyElementsOf(v.fallbacks().stream()
                .map(f -> FallbackAddress.of(f.version(), HEX.parseHex(f.programHex()))).toList());
        assertThat(invoice.routeHints()).containsExactlyElementsOf(v.routes().stream()
                .map(route -> new RouteHint(route.stream().map(h -> new RouteHintHop(PublicKey.fromHex(h.nodeId()),
                        h.shortChannelId(), h.feeBase(), h.feeProportional(), h.cltvDelta())).toList()))
                .toList());
        assertThat(invoice.features().setBits()).containsExactly(v.features());
        assertThat(invoice.metadata().map(HEX::formatHex)).isEqualTo(java.util.Optional.ofNullable(v.metadata()));
        assertThat(invoice.payee().toHex()).isEqualTo(SpecVectors.PAYEE);
        assertThat(invoice.hasPayeeField()).isFalse();
        assertThat(invoice.unknownFields()).hasSize(v.unknownFieldCount());
        if (v.signatureHex() != null) {
            assertThat(HEX.formatHex(invoice.signature().compact())).isEqualTo(v.signatureHex());
            assertThat(invoice.signature().recoveryId()).isEqualTo(v.recoveryId());
        }
        assertThat(invoice.encoded()).isEqualTo(v.invoice());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void reEncodingWithTheSpecKeyReproducesEveryExampleByteForByte(Valid v) throws Exception {
        Bolt11Invoice decoded = Bolt11Invoice.decode(v.invoice());

        Bolt11Invoice reEncoded = decoded.toBuilder().sign(KEY);

        // Writers produce lower case; the upper-case example is the lower-case one upper-cased.
        String expected = v.invoice().toLowerCase(Locale.ROOT);
        assertThat(reEncoded.encoded()).isEqualTo(expected);
        assertThat(reEncoded).isEqualTo(decoded);
    }

    @Test
    void theIgnoredFieldsExampleKeepsTheSkippedFieldsInOrder() throws Exception {
        Bolt11Invoice invoice = Bolt11Invoice.decode(SpecVectors.VALID.get(12).invoice());

        assertThat(invoice.fields()).extracting(TaggedField::tag).containsExactly(
                'p', 'd', 's', '9', '2', 'f', 'p', 'p', 'h', 'h', 's', 's', 'n', 'n');
        assertThat(invoice.fields()).extracting(TaggedField::length).containsExactly(
                52, 20, 52, 20, 3, 33, 51, 53, 51, 53, 51, 53, 52, 54);
        assertThat(invoice.unknownFields()).singleElement().extracting(TaggedField::type).isEqualTo(10);
    }

    @Test
    void theHashedDescriptionExampleCommitsToTheCakeList() throws Exception {
        Bolt11Invoice invoice = Bolt11Invoice.decode(SpecVectors.VALID.get(3).invoice());

        String list = "One piece of chocolate cake, one icecream cone, one pickle, one slice of swiss cheese, one slice "
                + "of salami, one lollypop, one piece of cherry pie, one sausage, one cupcake, and one slice of watermelon";
        assertThat(invoice.descriptionHashMatches(list.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(invoice.descriptionHashMatches("one pickle".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsEveryInvalidExampleForTheSpecsReason(Invalid v) {
        Bolt11Exception e = catchThrowableOfType(Bolt11Exception.class, () -> Bolt11Invoice.decode(v.invoice()));

        assertThat(e).as("rejected").isNotNull();
        assertThat(e.reason()).isEqualTo(v.reason());
        if (v.bech32Reason() != null) {
            assertThat(e.getCause()).isInstanceOfSatisfying(Bech32Exception.class,
                    b -> assertThat(b.reason()).isEqualTo(v.bech32Reason()));
        }
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    void coversEveryExampleOfTheSpec() {
        assertThat(SpecVectors.VALID).hasSize(14);
        assertThat(SpecVectors.INVALID).hasSize(8);
        assertThat(List.of(SpecVectors.VALID.get(10).invoice())).containsExactly(SpecVectors.COFFEE_BEANS);
    }
}
