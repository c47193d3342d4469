package dev.turnpike.client.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.macaroon.MacaroonCodec;
import dev.turnpike.l402.macaroon.MacaroonFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The JSON form of a stored token (version 1). Decoding failures are {@link CorruptTokenException}s. */
final class TokenJson {

    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenJson() {}

    static byte[] encode(StoredToken token) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", VERSION);
        o.put("origin", token.origin().toString());
        o.put("state", token.state().name().toLowerCase(Locale.ROOT));
        token.tokenId().ifPresent(id -> o.put("token_id", id)); // for people: decoding reads the macaroon's
        o.put("macaroon", MacaroonCodec.encodeBase64(token.macaroon()));
        o.put("invoice", token.invoice());
        o.put("payment_hash", token.paymentHash().toHex());
        o.put("amount_msat", token.amountMsat());
        o.put("created_at", token.createdAt().toString());
        token.preimage().ifPresent(p -> o.put("preimage", p.toHex()));
        if (token.isPaid()) {
            o.put("fee_msat", token.feeMsat());
            o.put("paid_at", token.paidAt().orElseThrow().toString());
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a token as JSON", e);
        }
    }

    static StoredToken decode(byte[] bytes, Origin expected) throws CorruptTokenException {
        JsonNode o;
        try {
            o = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new CorruptTokenException("not JSON");
        }
        if (o == null || !o.isObject()) {
            throw new CorruptTokenException("not a JSON object");
        }
        if (o.path("version").asInt(-1) != VERSION) {
            throw new CorruptTokenException("unknown version " + o.path("version"));
        }
        if (!expected.toString().equals(text(o, "origin"))) {
            throw new CorruptTokenException("holds a token for another origin");
        }
        try {
            StoredToken.State state = StoredToken.State.valueOf(text(o, "state").toUpperCase(Locale.ROOT));
            String preimage = o.path("preimage").isTextual() ? o.get("preimage").asText() : null;
            String paidAt = o.path("paid_at").isTextual() ? o.get("paid_at").asText() : null;
            return StoredToken.of(expected, state,
                    MacaroonCodec.decodeBase64(text(o, "macaroon")),
                    text(o, "invoice"),
                    PaymentHash.fromHex(text(o, "payment_hash")),
                    number(o, "amount_msat"),
                    Instant.parse(text(o, "created_at")),
                    preimage == null ? null : Preimage.fromHex(preimage),
                    o.path("fee_msat").asLong(0),
                    paidAt == null ? null : Instant.parse(paidAt));
        } catch (MacaroonFormatException e) {
            throw new CorruptTokenException("bad macaroon");
        } catch (DateTimeParseException e) {
            throw new CorruptTokenException("bad timestamp");
        } catch (IllegalArgumentException | NullPointerException e) {
            // the message of these never holds the secret values themselves
            throw new CorruptTokenException(e.getMessage());
        }
    }

    private static String text(JsonNode o, String field) throws CorruptTokenException {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new CorruptTokenException("missing " + field);
        }
        return v.asText();
    }

    private static long number(JsonNode o, String field) throws CorruptTokenException {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new CorruptTokenException("missing " + field);
        }
        return v.asLong();
    }

    /** A token file that cannot be used. */
    static final class CorruptTokenException extends Exception {
        CorruptTokenException(String message) {
            super(message);
        }
    }
}
