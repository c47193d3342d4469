package dev.turnpike.bench;

import dev.turnpike.bifrost.AccessRequest;
import dev.turnpike.bifrost.AccessVerifier;
import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationRequest;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.DelegationVerifier;
import dev.turnpike.bifrost.Permissions;
import dev.turnpike.bifrost.PopExpectation;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.PopVerifier;
import dev.turnpike.bifrost.ReplayCache;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Bifrost delegation token (name, nonce, Sourceful-style permissions): the bridge's approval check
 * ({@code approve}), an API's check with a trusted issuer ({@code access}, the issuer key already validated), and
 * the wallet's signing ({@code sign}), and the gateway's per-request DPoP proof check ({@code proof}: the proof of
 * one request against a cached token, without the replay cache, which would refuse the second run). Each
 * verification is one Ed25519 signature check plus JSON reading; approval
 * validates an issuer key (a scalar multiplication) only the first time it sees it, so {@code approve} measures a
 * returning wallet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g"})
public class DelegationVerifyBenchmark {

    private static final String URL = "https://api.example/meters";
    private final Instant now = Instant.parse("2025-04-28T08:50:41Z");
    private Ed25519KeyPair wallet;
    private DelegationRequest request;
    private String token;
    private DelegationVerifier approval;
    private AccessVerifier access;
    private Ed25519KeyPair app;
    private String proof;
    private PopVerifier proofs;
    private PopExpectation expected;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        wallet = Ed25519KeyPair.generate(random);
        Attributes asked = Attributes.empty().withName("Benchmark App").withPermissions(Permissions.parse(
                "{\"scopes\":[\"read:meter\",\"read:site\"],\"resources\":{\"sites\":[\"s1\"]},\"expires_in\":43200}"));
        app = Ed25519KeyPair.generate(random);
        request = new DelegationRequest(app.publicKey(), asked.withFreshNonce(random));
        token = sign();
        approval = DelegationVerifier.withDefaults();
        access = AccessVerifier.builder().trustedIssuers(List.of(wallet.publicKey())).build();
        proof = PopProof.createDpop(app, "GET", URL, token, now, random);
        proofs = PopVerifier.withDefaults((id, until) -> ReplayCache.Use.FIRST);
        expected = PopExpectation.forToken(app.publicKey(), PopExpectation.accessTokenHash(token), "GET", URL);
        if (!approve().isVerified() || !access().isVerified() || !proof().isVerified()) {
            throw new IllegalStateException("the benchmark token must verify: " + approve() + ", " + access() + ", "
                    + proof());
        }
    }

    @Benchmark
    public Verification<DelegationToken> approve() {
        return approval.verify(token, request, now);
    }

    @Benchmark
    public Verification<?> access() {
        return access.verify(AccessRequest.bearer(token, "GET", URL), now);
    }

    @Benchmark
    public Verification<PopProof> proof() {
        return proofs.verify(proof, expected, now);
    }

    @Benchmark
    public String sign() {
        return DelegationToken.sign(wallet, request.delegatedKey(), request.attributes(), now,
                now.plus(Duration.ofHours(12)));
    }
}
