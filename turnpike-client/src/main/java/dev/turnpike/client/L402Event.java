package dev.turnpike.client;

import dev.turnpike.client.token.Origin;
import java.time.Instant;

/**
 * What the client does, step by step, for a listener ({@link L402Client.Builder#listener}) such as
 * {@code turnpike fetch -v}. Events hold public facts only (amounts, payment hashes, origins), never a macaroon or a
 * preimage. Delivered on the calling thread.
 */
public sealed interface L402Event {

    Origin origin();

    /** A stored paid token was attached to a request. */
    record TokenAttached(Origin origin) implements L402Event {}

    /** The server answered 402 with an L402 challenge. */
    record ChallengeReceived(Origin origin) implements L402Event {}

    /** The challenge's invoice, decoded and checked (hash, amount, expiry) before paying. */
    record InvoiceDecoded(Origin origin, long amountMsat, String paymentHash, Instant expiresAt, String network)
            implements L402Event {}

    /** Another request (or process) paid for this origin meanwhile; its token is used, nothing is paid. */
    record TokenReused(Origin origin) implements L402Event {}

    /**
     * The server refused the stored token; it is forgotten and a new one is bought. {@code reason}: the server's word
     * for why (its problem's {@code reason}: {@code revoked}, {@code expired}…), empty when it gave none.
     */
    record TokenEvicted(Origin origin, String paymentHash, String reason) implements L402Event {}

    /** A pending token from an interrupted payment was found; the wallet is asked how that payment ended. */
    record PendingTokenFound(Origin origin, String paymentHash) implements L402Event {}

    /** The interrupted payment had succeeded: its token is stored now, nothing is paid again. */
    record PaymentRecovered(Origin origin, String paymentHash, long feeMsat) implements L402Event {}

    /** The interrupted payment never happened (or failed): its pending token is dropped. */
    record PendingTokenDropped(Origin origin, String paymentHash, String why) implements L402Event {}

    /** The pending token is stored and the payer is asked to pay. */
    record Paying(Origin origin, String paymentHash, long amountMsat, String payer) implements L402Event {}

    /** The payment succeeded. */
    record Paid(Origin origin, String paymentHash, long amountMsat, long feeMsat) implements L402Event {}

    /** The wallet charged a routing fee above the limit (a wallet API without a fee limit, e.g. LNbits). */
    record FeeAboveLimit(Origin origin, long feeMsat, long maxFeeMsat) implements L402Event {}

    /** The paid token is stored; {@code tokenId}: its id (hex), as the gateway's admin knows it, empty if none. */
    record TokenStored(Origin origin, String where, String tokenId) implements L402Event {}

    /** The request was sent again with the token; this is its status. */
    record Retried(Origin origin, int statusCode) implements L402Event {}

    /** A 402 challenge came but the client has no payer: the 402 is returned as it is. */
    record NoPayer(Origin origin) implements L402Event {}
}
