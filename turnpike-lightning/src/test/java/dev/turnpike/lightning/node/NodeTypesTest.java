package dev.turnpike.lightning.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.lightning.crypto.Preimage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeTypesTest {

    @Test
    void anInvoiceRequestMustFitInAnInvoice() {
        assertThat(new InvoiceRequest(1, "x".repeat(639), Duration.ofSeconds(1)).memo()).hasSize(639);
        assertThatThrownBy(() -> new InvoiceRequest(0, "x", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceRequest(1, "x".repeat(640), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceRequest(1, "杯".repeat(214), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceRequest(1, "x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InvoiceRequest(1, "x", Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPaymentResultProvesPaymentAndHidesItsPreimage() {
        Preimage preimage = Preimage.of(new byte[32]);
        PaymentResult result = new PaymentResult(preimage, 0, preimage.hash());

        assertThat(result.toString()).doesNotContain(preimage.toHex()).contains("redacted");
        assertThatThrownBy(() -> new PaymentResult(preimage, 0, Preimage.of(new byte[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).hash()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentResult(preimage, -1, preimage.hash())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsAndStates() {
        assertThat(PaymentLimits.maxFee(5)).isEqualTo(new PaymentLimits(Long.MAX_VALUE, 5));
        assertThatThrownBy(() -> new PaymentLimits(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaymentLimits.maxFee(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(InvoiceState.OPEN.isFinal()).isFalse();
        assertThat(InvoiceState.SETTLED.isFinal()).isTrue();
    }
}
