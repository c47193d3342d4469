package dev.turnpike.bench;

import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.ConstraintSatisfier;
import dev.turnpike.l402.Credential;
import dev.turnpike.l402.Invoice;
import dev.turnpike.l402.L402Caveat;
import dev.turnpike.l402.L402Identifier;
import dev.turnpike.l402.L402Verifier;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.Preimage;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.RequestContext;
import dev.turnpike.l402.RevocationCheck;
import dev.turnpike.l402.RootKeyId;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.VerificationResult;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.l402.header.ParseResult;
import dev.turnpike.l402.macaroon.RootKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * The gateway's hot path for a paid request: a token with 4 caveats (services, capabilities, a
 * constraint, valid_until) whose root key is already in memory, as the gateway's root-key cache
 * holds it. {@code verify} starts from a parsed credential; {@code parseAndVerify} from the
 * {@code Authorization} header value, as a request brings it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g"})
public class L402VerifyBenchmark {

    private L402Verifier verifier;
    private Credential credential;
    private Map<String, List<String>> headers;
    private RequestContext request;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        Map<RootKeyId, RootKey> rootKeys = new ConcurrentHashMap<>();
        Preimage preimage = Preimage.of(new byte[32]);
        Minter minter = Minter.builder()
                .challenger((price, memo) -> new Invoice("lnbcrt1-unused", preimage.paymentHash()))
                .rootKeyWriter(rootKeys::put)
                .random(random)
                .clock(Clock.systemUTC())
                .build();
        Challenge challenge = minter.mint(ServiceSpec.builder("quotes")
                .price(Price.sats(10))
                .capabilities("read", "list")
                .constraint(L402Caveat.constraint("quotes_region", "eu"))
                .lifetime(Duration.ofHours(1))
                .build());
        credential = new Credential(challenge.macaroon(), preimage);
        headers = Map.of(L402Headers.AUTHORIZATION, List.of(L402Headers.authorizationValue(credential)));
        verifier = L402Verifier.builder()
                .rootKeyStore(id -> Optional.ofNullable(rootKeys.get(id)))
                .revocationCheck(RevocationCheck.none())
                .constraint(ConstraintSatisfier.exactInput("quotes_region", "region"))
                .clock(Clock.systemUTC())
                .build();
        request = RequestContext.forService("quotes").requiringCapability("read").withInput("region", "eu");
        if (challenge.macaroon().caveats().size() != 4 || !(verify() instanceof VerificationResult.Valid)) {
            throw new IllegalStateException("the benchmark token must be valid and carry 4 caveats: " + verify());
        }
        L402Identifier.decode(challenge.macaroon().identifier()); // a real L402 identifier
    }

    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(credential, request);
    }

    @Benchmark
    public VerificationResult parseAndVerify() {
        ParseResult<Credential> parsed = L402Headers.parseCredential(headers);
        return verifier.verify(((ParseResult.Ok<Credential>) parsed).value(), request);
    }
}
