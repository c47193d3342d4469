package dev.turnpike.nodes.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchedInvoicesTest {

    private final WatchedInvoices invoices = new WatchedInvoices(3);
    private final List<Invoice> heard = new ArrayList<>();

    private static Invoice invoice(int id, InvoiceState state) {
        byte[] hash = new byte[32];
        hash[0] = (byte) id;
        return new Invoice("lnbcrt1" + id, PaymentHash.of(hash), 1000, Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
                state);
    }

    @Test
    void tellsOfEachChangeOfAWatchedInvoiceOnce() {
        invoices.subscribe(heard::add);
        invoices.watch(invoice(1, InvoiceState.OPEN));

        invoices.observed(invoice(1, InvoiceState.OPEN));
        invoices.observed(invoice(1, InvoiceState.SETTLED));
        invoices.observed(invoice(1, InvoiceState.SETTLED));

        assertThat(heard).extracting(Invoice::state).containsExactly(InvoiceState.SETTLED);
        assertThat(invoices.watched()).isEmpty();
    }

    @Test
    void ignoresInvoicesItDoesNotWatch() {
        invoices.subscribe(heard::add);
        invoices.observed(invoice(9, InvoiceState.SETTLED));
        assertThat(heard).isEmpty();
    }

    @Test
    void catchUpReportsWhatChangedAndForgetsWhatTheNodeNoLongerKnows() throws Exception {
        invoices.subscribe(heard::add);
        invoices.watch(invoice(1, InvoiceState.OPEN));
        invoices.watch(invoice(2, InvoiceState.OPEN));
        invoices.watch(invoice(3, InvoiceState.OPEN));

        invoices.catchUp(hash -> switch (hash.bytes()[0]) {
            case 1 -> Optional.of(invoice(1, InvoiceState.SETTLED));
            case 2 -> Optional.of(invoice(2, InvoiceState.OPEN));
            default -> Optional.empty();
        });

        assertThat(heard).extracting(Invoice::state).containsExactly(InvoiceState.SETTLED);
        assertThat(invoices.watched()).containsExactly(invoice(2, InvoiceState.OPEN).paymentHash());
    }

    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        for (int i = 1; i <= 4; i++) {
            invoices.watch(invoice(i, InvoiceState.OPEN));
        }
        assertThat(invoices.watched()).doesNotContain(invoice(1, InvoiceState.OPEN).paymentHash()).hasSize(3);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        invoices.subscribe(i -> {
            throw new IllegalStateException("boom");
        });
        invoices.subscribe(heard::add);
        invoices.watch(invoice(1, InvoiceState.OPEN));

        invoices.observed(invoice(1, InvoiceState.EXPIRED));

        assertThat(heard).hasSize(1);
    }
}
