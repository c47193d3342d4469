package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** A wallet, an application, a session's request and tokens for it, some made wrong on purpose. */
final class TokenFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2025-04-28T08:50:41Z");
    static final String HEADER = "{\"alg\":\"Ed25519\",\"typ\":\"JWT\"}";

    final Ed25519KeyPair wallet = TestData.keyPair(1);
    final Ed25519KeyPair app = TestData.keyPair(2);
    final DelegationRequest request;

    TokenFixture() {
        try {
            Attributes requested = Attributes.parse("{\"name\":\"Test Application\",\"permissions\":"
                    + PermissionsTest.SOURCEFUL + "}");
            request = new DelegationRequest(app.publicKey(), requested.withFreshNonce(TestData.seededRandom(9)));
        } catch (InvalidAttributesException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The wallet's token for the request, made by our signer: 12 hours from now. */
    String token() {
        return DelegationToken.sign(wallet, app.publicKey(), request.attributes(), NOW, NOW.plus(Duration.ofHours(12)));
    }

    /** The payload of {@link #token()} as a tree, to change. */
    ObjectNode payload() {
        ObjectNode p = JSON.createObjectNode()
                .put("created", "2025-04-28T08:50:41Z")
                .put("expiration", "2025-04-28T20:50:41Z")
                .put("issuer", wallet.publicKey().toBase58())
                .put("delegatedKey", app.publicKey().toBase58());
        p.set("attributes", request.attributes().toJsonNode());
        return p;
    }

    /** A token signed by the wallet over exactly {@code header} and the changed payload. */
    String token(String header, Consumer<ObjectNode> change) {
        ObjectNode p = payload();
        change.accept(p);
        return TestData.jws(wallet, header, p.toString());
    }

    /** A token with the standard header and a changed payload, signed by the wallet. */
    String tokenWith(Consumer<ObjectNode> change) {
        return token(HEADER, change);
    }

    /** A token whose attributes were changed before the wallet signed. */
    String tokenWithAttributes(Consumer<ObjectNode> change) {
        return tokenWith(p -> change.accept((ObjectNode) p.get("attributes")));
    }

    /** A token with the given lifetime starting at {@code created}. */
    String tokenAt(Instant created, Duration lifetime) {
        return tokenWith(p -> p.put("created", created.toString()).put("expiration", created.plus(lifetime).toString()));
    }
}
