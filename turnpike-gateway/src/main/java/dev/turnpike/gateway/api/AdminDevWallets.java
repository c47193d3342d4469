package dev.turnpike.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.node.BackendUnavailableException;
import dev.turnpike.lightning.node.DevWallets;
import dev.turnpike.lightning.node.InvalidRequestException;
import dev.turnpike.lightning.node.LightningException;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/devwallets} on the admin API: {@code POST} makes a dev wallet funded with test coins and answers its
 * API key (the only time it is shown), {@code GET} lists the wallets without their keys. Served only with the
 * embedded node (regtest or simnet) and its dev wallet API on; otherwise every request is a 404 that says why.
 */
public final class AdminDevWallets {

    public static final String PATH = "/api/devwallets";
    /** What {@code serve}'s own dev wallet holds. */
    public static final long DEFAULT_AMOUNT_SAT = 100_000;
    /** Test coins, but a cap keeps a typo from minting absurd balances. */
    public static final long MAX_AMOUNT_SAT = 10_000_000;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_LISTED = 1000;
    private static final Set<String> FIELDS = Set.of("name", "amount_sat");

    private final DevWallets wallets;
    private final Supplier<URI> walletApi;
    private final Network network;
    private final String absent;

    private AdminDevWallets(DevWallets wallets, Supplier<URI> walletApi, Network network, String absent) {
        this.wallets = wallets;
        this.walletApi = walletApi;
        this.network = network;
        this.absent = absent;
    }

    /**
     * The embedded node's wallets on its {@code network} (regtest or simnet); {@code walletApi}: the dev wallet API's
     * URL, known once the gateway listens.
     */
    public static AdminDevWallets serving(DevWallets wallets, Supplier<URI> walletApi, Network network) {
        return new AdminDevWallets(wallets, walletApi, network, null);
    }

    /** No dev wallets on this gateway, for this reason (given in each 404). */
    public static AdminDevWallets absent(String why) {
        return new AdminDevWallets(null, null, null, why);
    }

    ApiResponse handle(ApiRequest request) throws LightningException {
        if (wallets == null) {
            return ApiResponse.problem(404, "Not Found", absent);
        }
        return switch (request.method()) {
            case "GET", "HEAD" -> list();
            case "POST" -> create(request.body());
            default -> ApiResponse.problem(405, "Method Not Allowed", "list with GET, create with POST")
                    .withHeader("Allow", "GET, HEAD, POST");
        };
    }

    private ApiResponse list() throws LightningException {
        List<Map<String, Object>> listed = wallets.wallets(MAX_LISTED).stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("wallet_id", w.walletId());
            m.put("name", w.name().orElse(null));
            m.put("balance_msat", w.balanceMsat());
            m.put("created_at", w.createdAt().map(Object::toString).orElse(null));
            return m;
        }).toList();
        return ApiResponse.json(200, Map.of("wallets", listed));
    }

    private ApiResponse create(byte[] body) throws LightningException {
        JsonNode json;
        try {
            json = body.length == 0 ? ApiResponse.JSON.createObjectNode() : ApiResponse.JSON.readTree(body);
        } catch (IOException e) {
            return bad("the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            return bad("the body must be a JSON object: {\"name\": …, \"amount_sat\": …}, both optional");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                return bad("unknown field '" + field + "'; the fields are name and amount_sat");
            }
        }
        JsonNode name = json.path("name");
        if (!name.isMissingNode() && !validName(name)) {
            return bad("name must be a string of 1 to " + MAX_NAME_LENGTH + " characters without control characters");
        }
        JsonNode amount = json.path("amount_sat");
        if (!amount.isMissingNode() && !(amount.isIntegralNumber() && amount.canConvertToLong()
                && amount.asLong() >= 1 && amount.asLong() <= MAX_AMOUNT_SAT)) {
            return bad("amount_sat must be a whole number from 1 to " + MAX_AMOUNT_SAT + " (test coins)");
        }
        long sat = amount.isMissingNode() ? DEFAULT_AMOUNT_SAT : amount.asLong();
        DevWallets.NewWallet made;
        try {
            made = wallets.create(name.isMissingNode() ? Optional.empty() : Optional.of(name.asText()), sat * 1000);
        } catch (InvalidRequestException e) {
            return bad(e.getMessage());
        } catch (BackendUnavailableException e) {
            return ApiResponse.problem(503, "Service Unavailable", "the embedded node is unavailable: "
                    + e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("wallet_id", made.walletId());
        answer.put("name", name.isMissingNode() ? null : name.asText());
        answer.put("api_key", made.apiKey());
        answer.put("balance_msat", made.balanceMsat());
        answer.put("wallet_api", walletApi.get().toString());
        answer.put("network", network.name().toLowerCase(Locale.ROOT));
        return ApiResponse.json(201, answer);
    }

    private static boolean validName(JsonNode name) {
        String text = name.isTextual() ? name.asText() : "";
        return !text.isEmpty() && text.length() <= MAX_NAME_LENGTH && text.codePoints().noneMatch(Character::isISOControl);
    }

    private static ApiResponse bad(String detail) {
        return ApiResponse.problem(400, "Bad Request", detail);
    }
}
