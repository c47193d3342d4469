package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.session.PollToken;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole flow as the bridge, the application and the wallet use this module: an example that must compile. */
class UsageExampleTest {

    @Test
    void applicationBridgeWalletAndApi() throws Exception {
        SecureRandom random = TestData.seededRandom(2025);
        Instant now = Instant.parse("2025-04-28T08:50:41Z");

        // application: its own key pair, a session request
        Ed25519KeyPair appKey = Ed25519KeyPair.generate(random);
        Attributes asked = Attributes.empty().withName("Test Application")
                .withPermissions(Permissions.parse("{\"scopes\":[\"read:meter\"],\"expires_in\":43200}"));

        // bridge, POST /api/auth {delegatedKey, attributes}
        Ed25519PublicKey delegatedKey = Ed25519PublicKey.fromBase58(appKey.publicKey().toBase58());
        Session.Opened opened = Session.open(delegatedKey, Attributes.parse(asked.toJson()), now,
                Session.DEFAULT_LIFETIME, random);
        Session session = opened.session();
        PollToken pollToken = opened.pollToken(); // returned once, to the application only

        // wallet, after GET /api/auth/{id}: shows name, permissions, code; signs
        Ed25519KeyPair walletKey = Ed25519KeyPair.generate(random);
        Instant signedAt = now.plusSeconds(20);
        String token = DelegationToken.sign(walletKey, session.request().delegatedKey(), session.request().attributes(),
                signedAt, signedAt.plus(Duration.ofHours(12)));

        // bridge, POST /api/auth/{id} {token}: verify, then approve (the store keeps the first approval)
        Verification<DelegationToken> verification = DelegationVerifier.withDefaults()
                .verify(token, session.request(), signedAt);
        session = switch (verification) {
            case Verification.Verified<DelegationToken>(DelegationToken verified) -> session.approve(verified, signedAt);
            case Verification.Refused<DelegationToken>(Reason reason, String detail) ->
                    throw new AssertionError(reason.code() + ": " + detail);
        };

        // application reads the token once, with its poll token or a proof of possession
        Instant readAt = signedAt.plusSeconds(1);
        String url = "https://bridge.example/api/auth/" + session.id().text();
        String proof = PopProof.createForSession(appKey, "GET", url, session.id().text(), readAt, random);
        assertThat(session.acceptsPollToken(PollToken.parse(pollToken.reveal()).orElseThrow())).isTrue();
        PopVerifier proofs = PopVerifier.withDefaults(new InMemoryReplayCache(1000, Clock.fixed(readAt, ZoneOffset.UTC)));
        assertThat(proofs.verify(proof, PopExpectation.forSession(session.request().delegatedKey(),
                "GET", url, session.id().text()), readAt).isVerified()).isTrue();
        Session.Handover handover = session.consume(readAt);
        assertThat(handover.session().state(readAt)).isEqualTo(SessionState.CONSUMED);

        // API: the token, and a DPoP proof for each request (Authorization: DPoP <token>, DPoP: <proof>)
        AccessVerifier api = AccessVerifier.builder().trustedIssuers(List.of(walletKey.publicKey())).requireProof()
                .proofVerifier(proofs).build();
        String apiUrl = "https://api.example/meters";
        Verification<Access> access = api.verify(AccessRequest.withProof(handover.token(),
                PopProof.createDpop(appKey, "GET", apiUrl, handover.token(), readAt, random), "GET", apiUrl), readAt);
        assertThat(access).isInstanceOfSatisfying(Verification.Verified.class,
                v -> assertThat(((Access) v.value()).token().issuer()).isEqualTo(walletKey.publicKey()));
    }
}
