package dev.turnpike.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.api.InMemoryLedger;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.macaroon.RootKey;
import dev.turnpike.lightning.node.Invoice;
import dev.turnpike.lightning.node.InvoiceState;
import dev.turnpike.store.api.IssuedToken;
import dev.turnpike.store.api.TokenRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Payments reach the books once, whichever tells of them first: the Lightning backend (for invoices this gateway
 * asked for while it ran) or a valid token's preimage (for any invoice, such as one of a gateway that died).
 */
class LedgerRecorderTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final AtomicInteger bookings = new AtomicInteger();
    private final Executor counting = task -> {
        bookings.incrementAndGet();
        task.run();
    };
    private final List<String> payments = new ArrayList<>();
    private final LedgerRecorder recorder = new LedgerRecorder(ledger, counting, Clock.fixed(NOW, ZoneOffset.UTC),
            (service, msat) -> payments.add(service + " " + msat));

    @Test
    void aPaymentProvenByATokenIsBookedOnceHoweverOftenTheTokenIsUsed() throws Exception {
        IssuedToken token = issue();
        for (int i = 0; i < 5; i++) {
            recorder.paymentProven(token.paymentHash());
        }
        assertThat(ledger.find(token.tokenId()).orElseThrow().settledAt()).isEqualTo(NOW);
        assertThat(payments).containsExactly("quotes 21000");
        assertThat(bookings).as("one write for five uses").hasValue(1);
    }

    @Test
    void aSettlementTheNodeReportedIsNotBookedAgainWhenTheTokenIsUsed() throws Exception {
        IssuedToken token = issue();
        recorder.onInvoiceUpdated(new Invoice("lnbcrt1…", dev.turnpike.lightning.crypto.PaymentHash.of(
                token.paymentHash().toByteArray()), 21_000, NOW, NOW.plusSeconds(600), InvoiceState.SETTLED));
        recorder.paymentProven(token.paymentHash());
        assertThat(ledger.find(token.tokenId()).orElseThrow().isSettled()).isTrue();
        assertThat(payments).containsExactly("quotes 21000");
        assertThat(bookings).hasValue(1);
    }

    @Test
    void aPaymentAnotherGatewayBookedAlreadyIsNotCountedAgain() throws Exception {
        IssuedToken token = issue();
        ledger.settled(token.paymentHash(), NOW.minusSeconds(60)); // through another gateway, on a shared store
        recorder.paymentProven(token.paymentHash());
        assertThat(ledger.find(token.tokenId()).orElseThrow().settledAt()).isEqualTo(NOW.minusSeconds(60));
        assertThat(payments).as("the other gateway counted it").isEmpty();
    }

    @Test
    void aMintedTokenIsBookedWithItsKeyAndTheExpiryItsMacaroonStates() throws Exception {
        EmbeddedNode node = EmbeddedNode.builder().random(random).build();
        try (node) {
            Minter minter = Minter.builder().challenger(new InvoiceChallenger(node, Duration.ofMinutes(10)))
                    .tokenWriter(recorder::minted).random(random).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
            Challenge challenge = minter.mint(ServiceSpec.builder("quotes").price(Price.sats(21))
                    .lifetime(Duration.ofHours(1)).build());

            byte[] identifier = challenge.macaroon().identifier();
            TokenRecord booked = ledger.find(L402Identifier.decode(identifier).tokenId()).orElseThrow();
            assertThat(booked.token().service()).isEqualTo("quotes");
            assertThat(booked.token().priceMsat()).isEqualTo(21_000);
            assertThat(booked.token().invoice()).isEqualTo(challenge.invoice());
            assertThat(booked.token().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
            assertThat(ledger.rootKey(RootKeyId.ofIdentifierBytes(identifier))).as("the verifier finds its key")
                    .isPresent();
        }
    }

    private IssuedToken issue() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        IssuedToken token = new IssuedToken(TokenId.random(random), PaymentHash.of(hash), "quotes", 21_000,
                "lnbcrt1…", NOW.minusSeconds(5), null);
        ledger.issued(token, RootKeyId.ofIdentifierBytes(token.tokenId().toByteArray()), RootKey.generate(random));
        return token;
    }
}
