package dev.turnpike.nodes.fake;

import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.Preimage;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentLimits;
import dev.turnpike.lightning.node.PaymentResult;
import dev.turnpike.lightning.node.Payer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake node's outgoing payments: they reach "the network" through a {@link Payer} (by default the fake's own
 * invoices), may be held in flight until a test releases them, and cost a configurable routing fee. Thread-safe.
 */
public final class FakePayments {

    private static final long MILLIS_BETWEEN_CHECKS = 20;

    /** Where a payment ends. */
    public enum Status { IN_FLIGHT, SUCCEEDED, FAILED }

    /** Why it failed, as lnd words it (CLN's fake maps these to its error codes). */
    public enum Failure { NONE, NO_ROUTE, INCORRECT_PAYMENT_DETAILS, INSUFFICIENT_BALANCE, ERROR }

    /** One payment and its current state. */
    public static final class Payment {
        final PaymentHash hash;
        final String bolt11;
        final long amountMsat;
        final Instant createdAt = Instant.ofEpochSecond(Instant.now().getEpochSecond());
        private final CountDownLatch done = new CountDownLatch(1);
        /** The cut current when the payment began: a cut once the payment is visible always reaches its stream. */
        private final CountDownLatch streamCut;
        private Status status = Status.IN_FLIGHT;
        private Failure failure = Failure.NONE;
        private Preimage preimage;
        private long feeMsat;

        Payment(PaymentHash hash, String bolt11, long amountMsat, CountDownLatch streamCut) {
            this.hash = hash;
            this.bolt11 = bolt11;
            this.amountMsat = amountMsat;
            this.streamCut = streamCut;
        }

        public synchronized Status status() {
            return status;
        }

        public synchronized Failure failure() {
            return failure;
        }

        public synchronized Preimage preimage() {
            return preimage;
        }

        public synchronized long feeMsat() {
            return feeMsat;
        }

        synchronized void succeed(Preimage preimage, long feeMsat) {
            this.status = Status.SUCCEEDED;
            this.preimage = preimage;
            this.feeMsat = feeMsat;
            done.countDown();
        }

        synchronized void fail(Failure failure) {
            this.status = Status.FAILED;
            this.failure = failure;
            done.countDown();
        }

        boolean awaitDone(long millis) throws InterruptedException {
            return done.await(millis, TimeUnit.MILLISECONDS);
        }
    }

    private final Map<PaymentHash, Payment> payments = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile Payer network;
    private volatile long routingFeeMsat;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch cut = new CountDownLatch(1);
    private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-payment");
        t.setDaemon(true);
        return t;
    });

    FakePayments(FakeInvoiceBook ownInvoices) {
        this.network = (bolt11, limits) -> payOwn(ownInvoices, bolt11);
    }

    /** Pays through this payer instead of the fake's own invoices (e.g. a wallet of an embedded node). */
    public void payThrough(Payer network) {
        this.network = network;
    }

    public void routingFeeMsat(long fee) {
        this.routingFeeMsat = fee;
    }

    /** Payments started from now on stay in flight until {@link #release()}. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    /** How many payments reached the network (a resumed payment must not add one). */
    public int sentCount() {
        return sent.get();
    }

    public Optional<Payment> get(PaymentHash hash) {
        return Optional.ofNullable(payments.get(hash));
    }

    /** Registers a new attempt (replacing a failed one). */
    Payment begin(Bolt11Invoice invoice) {
        Payment fresh = new Payment(invoice.paymentHash(), invoice.encoded(), invoice.amountMsat().orElse(0), cut);
        payments.put(invoice.paymentHash(), fresh);
        return fresh;
    }

    /** Cuts the streams of every payment being waited on (the payments go on). */
    void cutAll() {
        CountDownLatch old = cut;
        cut = new CountDownLatch(1);
        old.countDown();
    }

    /** Completes the payment in the background; true when it finished, false if the stream was cut first. */
    boolean completeUnlessCut(Payment payment, long feeLimitMsat, OutputStream out) throws IOException {
        worker.submit(() -> {
            complete(payment, feeLimitMsat);
            return null;
        });
        return awaitUnlessCut(payment, payment.streamCut, out);
    }

    /** Waits for the payment to finish; false (after writing half a line) if the stream was cut first. */
    boolean awaitUnlessCut(Payment payment, OutputStream out) throws IOException {
        return awaitUnlessCut(payment, cut, out);
    }

    private static boolean awaitUnlessCut(Payment payment, CountDownLatch myCut, OutputStream out)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (System.nanoTime() < deadline) {
                if (payment.awaitDone(MILLIS_BETWEEN_CHECKS)) {
                    return true;
                }
                if (myCut.getCount() == 0) {
                    out.write("{\"result\": {\"payment_hash\": \"".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Waits for a hold to be released, then pays within the fee limit. */
    void complete(Payment payment, long feeLimitMsat) throws InterruptedException {
        hold.await(30, TimeUnit.SECONDS);
        long fee = routingFeeMsat;
        if (fee > feeLimitMsat) {
            payment.fail(Failure.NO_ROUTE);
            return;
        }
        sent.incrementAndGet();
        try {
            PaymentResult result = network.pay(payment.bolt11, PaymentLimits.maxFee(Long.MAX_VALUE));
            payment.succeed(result.preimage(), fee);
        } catch (PaymentFailedException e) {
            payment.fail(switch (e.reason()) {
                case INSUFFICIENT_BALANCE -> Failure.INSUFFICIENT_BALANCE;
                case UNREACHABLE_PAYEE -> Failure.NO_ROUTE;
                default -> Failure.INCORRECT_PAYMENT_DETAILS;
            });
        } catch (LightningException e) {
            payment.fail(Failure.ERROR);
        }
    }

    private static PaymentResult payOwn(FakeInvoiceBook book, String bolt11) throws LightningException {
        PaymentHash hash;
        try {
            hash = Bolt11Invoice.decode(bolt11).paymentHash();
        } catch (Bolt11Exception e) {
            throw new PaymentFailedException(PaymentFailedException.Reason.UNKNOWN_INVOICE, "not an invoice");
        }
        FakeInvoice invoice = book.get(hash).orElseThrow(() -> new PaymentFailedException(
                PaymentFailedException.Reason.UNKNOWN_INVOICE, "unknown invoice"));
        if (!book.settle(hash)) {
            throw new PaymentFailedException(PaymentFailedException.Reason.INVOICE_ALREADY_PAID, "already paid");
        }
        return new PaymentResult(invoice.preimage(), 0, hash);
    }
}
