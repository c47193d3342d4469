package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.session.Session;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit log of session events, on the SLF4J logger {@code turnpike.audit.bifrost} as key-value pairs (one JSON
 * object per line under {@code serve}). It names sessions by the SHA-256 of their id and keys by fingerprint, and
 * never logs a session id, poll token, delegation token or proof. Each session event is counted too, by
 * {@code outcome}: created, approved, approval_refused, rejected, cancelled, read, and expired (counted when the
 * expired session is purged, about an hour later).
 */
final class BifrostAudit {

    static final String LOGGER = "turnpike.audit.bifrost";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Consumer<String> outcomes;

    BifrostAudit(Consumer<String> outcomes) {
        this.outcomes = outcomes;
    }

    void created(Session s, ClientInfo client) {
        outcomes.accept("created");
        event("created", s, client).log("bifrost session created");
    }

    void approved(Session s, Ed25519PublicKey issuer, ClientInfo client) {
        outcomes.accept("approved");
        event("approved", s, client).addKeyValue("issuer", issuer.toBase58())
                .addKeyValue("issuer_fingerprint", issuer.fingerprint()).log("bifrost session approved");
    }

    void refused(Session s, String error, ClientInfo client) {
        outcomes.accept("approval_refused");
        event("approval_refused", s, client).addKeyValue("error", error).log("bifrost approval refused");
    }

    void denied(Session s, ClientInfo client) {
        outcomes.accept("rejected");
        event("denied", s, client).log("bifrost session denied");
    }

    void cancelled(Session s, ClientInfo client) {
        outcomes.accept("cancelled");
        event("cancelled", s, client).log("bifrost session cancelled");
    }

    void consumed(Session s, ClientInfo client) {
        outcomes.accept("read");
        event("token_retrieved", s, client).log("bifrost token handed over");
    }

    /** {@code count} sessions expired undecided; they are gone, so there is nothing to name but their number. */
    void expired(int count) {
        for (int i = 0; i < count; i++) {
            outcomes.accept("expired");
        }
        if (count > 0) {
            log.atInfo().addKeyValue("event", "expired").addKeyValue("sessions", count)
                    .log("bifrost sessions expired undecided");
        }
    }

    void pollRefused(Session s, String error, ClientInfo client) {
        event("poll_refused", s, client).addKeyValue("error", error).log("bifrost token read refused");
    }

    private static LoggingEventBuilder event(String event, Session s, ClientInfo client) {
        return log.atInfo()
                .addKeyValue("event", event)
                .addKeyValue("session", s.id().hashed())
                .addKeyValue("delegated_key_fingerprint", s.request().delegatedKey().fingerprint())
                .addKeyValue("ip", client.ip())
                .addKeyValue("user_agent", client.userAgent());
    }
}
