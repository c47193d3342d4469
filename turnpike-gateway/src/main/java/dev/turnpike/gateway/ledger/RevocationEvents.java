package dev.turnpike.gateway.ledger;

import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.l402.TokenId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations as events for the operator ({@code turnpike.event.revocation}, INFO): what was revoked (an L402 token's
 * id, or a delegated token's SHA-256 in hex, never the token) and by whom: {@code admin} (the admin API),
 * {@code wallet} (its issuer, through the bridge) or {@code change_feed} (another gateway on the same database).
 */
public final class RevocationEvents {

    private static final Logger EVENTS = LoggerFactory.getLogger("turnpike.event.revocation");

    private RevocationEvents() {}

    public static void token(TokenId id, String by) {
        EVENTS.atInfo().addKeyValue("token_id", id.toHex()).addKeyValue("by", by).log("token revoked by {}", by);
    }

    public static void delegation(TokenHash hash, String by) {
        EVENTS.atInfo().addKeyValue("delegation", hash.toHex()).addKeyValue("by", by)
                .log("delegated token revoked by {}", by);
    }
}
