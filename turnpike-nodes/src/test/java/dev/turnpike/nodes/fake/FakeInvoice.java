package dev.turnpike.nodes.fake;

import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.InvoiceState;
import java.time.Instant;

/**
 * An invoice a fake node issued. {@code reportedHash} is what the fake says beside the BOLT #11 (different from the
 * BOLT #11's own hash when the fake was told to tamper).
 */
public final class FakeInvoice {

    final String bolt11;
    final PaymentHash reportedHash;
    final Preimage preimage;
    final long amountMsat;
    final String memo;
    final String label;
    final Instant createdAt;
    final long expirySeconds;
    final long addIndex;
    private InvoiceState state = InvoiceState.OPEN;
    private long settleIndex;
    private Instant settledAt;

    FakeInvoice(String bolt11, PaymentHash reportedHash, Preimage preimage, long amountMsat, String memo, String label,
            Instant createdAt, long expirySeconds, long addIndex) {
        this.bolt11 = bolt11;
        this.reportedHash = reportedHash;
        this.preimage = preimage;
        this.amountMsat = amountMsat;
        this.memo = memo;
        this.label = label;
        this.createdAt = createdAt;
        this.expirySeconds = expirySeconds;
        this.addIndex = addIndex;
    }

    public String bolt11() {
        return bolt11;
    }

    public PaymentHash paymentHash() {
        return reportedHash;
    }

    public Preimage preimage() {
        return preimage;
    }

    public long amountMsat() {
        return amountMsat;
    }

    public Instant expiresAt() {
        return createdAt.plusSeconds(expirySeconds);
    }

    public synchronized InvoiceState state() {
        return state;
    }

    /** lnd's settle_index, CLN's pay_index; 0 while unpaid. */
    public synchronized long settleIndex() {
        return settleIndex;
    }

    public synchronized Instant settledAt() {
        return settledAt;
    }

    synchronized boolean settle(long index, Instant at) {
        if (state != InvoiceState.OPEN) {
            return false;
        }
        state = InvoiceState.SETTLED;
        settleIndex = index;
        settledAt = at;
        return true;
    }
}
