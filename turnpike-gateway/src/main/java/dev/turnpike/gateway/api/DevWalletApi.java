package dev.turnpike.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.DevWallets;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.LightningException;
import dev.turnpike.lightning.node.PaymentFailedException;
import dev.turnpike.lightning.node.PaymentResult;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A development node's {@link DevWallets} over the LNbits wallet API, so that clients written by others can
 * pay in development with the LNbits support they already have. The subset: {@code POST
 * /api/v1/payments} {@code {"out": true, "bolt11"}}, {@code GET /api/v1/payments/{hash}}, {@code GET
 * /api/v1/wallet}; key in {@code X-Api-Key} (or the {@code api-key} query parameter). Shapes, status
 * codes and error texts follow LNbits 1.x: errors are {@code {"detail": …}}, a refused payment is 520
 * with {@code "status": "failed"}. Development only: the gateway mounts it only on the embedded node.
 */
public final class DevWalletApi implements JsonApi {

    private static final Pattern PAYMENT = Pattern.compile("/api/v1/payments/([0-9a-fA-F]{64})");

    private final DevWallets wallets;
    private final String prefix;

    public DevWalletApi(DevWallets wallets, String prefix) {
        this.wallets = wallets;
        this.prefix = prefix;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public ApiResponse handle(ApiRequest request) throws LightningException {
        String path = request.path();
        boolean payments = path.equals("/api/v1/payments");
        boolean wallet = path.equals("/api/v1/wallet");
        var payment = PAYMENT.matcher(path);
        boolean onePayment = payment.matches();
        if (!payments && !wallet && !onePayment) {
            return detail(404, "Not Found");
        }
        String expected = payments ? "POST" : "GET";
        if (!request.method().equals(expected)) {
            return detail(405, "Method Not Allowed");
        }
        Optional<String> key = request.header("X-Api-Key").or(() -> request.queryParameter("api-key"));
        if (key.isEmpty()) {
            return detail(401, "No Api Key provided.");
        }
        Optional<String> id = wallets.authenticate(key.get());
        if (id.isEmpty()) {
            return detail(404, "Wallet not found.");
        }
        if (payments) {
            return pay(id.get(), request.body());
        }
        if (wallet) {
            return ApiResponse.json(200, Map.of("id", id.get(), "name", id.get(),
                    "balance", wallets.balanceMsat(id.get())));
        }
        return status(id.get(), PaymentHash.fromHex(payment.group(1).toLowerCase(Locale.ROOT)));
    }

    private ApiResponse pay(String wallet, byte[] body) throws LightningException {
        JsonNode json;
        try {
            json = ApiResponse.JSON.readTree(body);
        } catch (IOException e) {
            return detail(400, "JSON decode error");
        }
        if (json == null || !json.isObject()) {
            return detail(400, "the body must be a JSON object");
        }
        if (!json.path("out").asBoolean(false)) {
            return detail(400, "the dev wallet only pays (\"out\": true); invoices come from the gateway");
        }
        String bolt11 = json.path("bolt11").asText("");
        if (bolt11.isEmpty()) {
            return detail(400, "Missing BOLT11 invoice");
        }
        PaymentResult paid;
        try {
            paid = wallets.pay(wallet, bolt11);
        } catch (PaymentFailedException e) {
            return failed(switch (e.reason()) {
                case INSUFFICIENT_BALANCE -> "Insufficient balance.";
                case INVOICE_ALREADY_PAID -> "Internal invoice already paid.";
                default -> "Payment failed: " + e.getMessage();
            });
        } catch (InvalidRequestException e) {
            return failed(e.getMessage().contains("without an amount")
                    ? "Amountless invoices not supported."
                    : "Bolt11 decoding failed.");
        } catch (BackendUnavailableException e) {
            return detail(503, "the embedded node is unavailable: " + e.getMessage());
        }
        DevWallets.Payment made = wallets.payment(wallet, paid.paymentHash())
                .orElseThrow(() -> new IllegalStateException("the node has no record of the payment it just made"));
        return ApiResponse.json(201, model(wallet, made));
    }

    /** A payment's outcome, as LNbits answers {@code GET /api/v1/payments/{hash}}. */
    private ApiResponse status(String wallet, PaymentHash hash) throws LightningException {
        Optional<DevWallets.Payment> payment = wallets.payment(wallet, hash);
        if (payment.isEmpty()) {
            return detail(404, "Payment does not exist.");
        }
        Map<String, Object> model = model(wallet, payment.get());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("paid", true);
        status.put("status", "success");
        status.put("preimage", payment.get().preimage().toHex());
        status.put("details", model);
        return ApiResponse.json(200, status);
    }

    private static Map<String, Object> model(String wallet, DevWallets.Payment p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checking_id", "internal_" + p.paymentHash().toHex());
        m.put("payment_hash", p.paymentHash().toHex());
        m.put("wallet_id", wallet);
        m.put("amount", -p.amountMsat()); // LNbits: outgoing payments are negative, in msat
        m.put("fee", p.feeMsat());
        m.put("bolt11", p.bolt11());
        m.put("status", "success");
        m.put("preimage", p.preimage().toHex());
        m.put("time", (p.settledAt() == null ? Instant.EPOCH : p.settledAt()).toString());
        return m;
    }

    private static ApiResponse detail(int status, String detail) {
        return ApiResponse.json(status, Map.of("detail", detail));
    }

    private static ApiResponse failed(String detail) {
        return ApiResponse.json(520, Map.of("detail", detail, "status", "failed"));
    }
}
