package dev.turnpike.bench.proxy;

import dev.turnpike.bifrost.Attributes;
import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.InvalidAttributesException;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.DelegationPolicy;
import dev.turnpike.gateway.route.DelegationPolicy.ProofMode;
import dev.turnpike.gateway.route.DelegationRule;
import dev.turnpike.gateway.route.PathTemplate;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delegated (Bifrost) side of the proxy benchmark: a service taking delegated tokens on the harness's two paths
 * ({@code /} and {@code /1k.bin}, no scope needed), a token a fresh wallet signed for a fresh app key, and, for
 * {@code pop: required}, a file of fresh DPoP proofs for wrk to send one each (a proof is accepted once, within
 * 60 s of its {@code iat}: write the file just before each run).
 *
 * <pre>{@code
 * java -cp turnpike-bench/target/benchmarks.jar dev.turnpike.bench.proxy.DelegatedBench URL TOKEN APP_SEED COUNT FILE
 * }</pre>
 */
public final class DelegatedBench {
    private final byte[] appSeed = new byte[Ed25519KeyPair.SEED_LENGTH];
    private final String token;

    DelegatedBench(SecureRandom random) throws InvalidAttributesException {
        Ed25519KeyPair wallet = Ed25519KeyPair.generate(random);
        random.nextBytes(appSeed);
        Ed25519KeyPair app = Ed25519KeyPair.fromSeed(appSeed);
        Instant now = Instant.now();
        this.token = DelegationToken.sign(wallet, app.publicKey(), Attributes.empty().withName("Bench App"), now,
                now.plus(Duration.ofDays(1)));
    }

    static AuthPolicy.Bifrost policy(ProofMode pop) {
        return new AuthPolicy.Bifrost(new DelegationPolicy(pop, List.of(), List.of(), Duration.ofMinutes(2),
                List.of(rule("/"), rule("/{file}")), List.of(), Optional.empty()));
    }

    private static DelegationRule rule(String path) {
        return new DelegationRule("GET", PathTemplate.parse(path), Optional.empty(), Map.of());
    }

    /** What the harness needs: the header for wrk, and the token and app seed to make proofs with. */
    void print() {
        System.out.println("HEADER=Authorization: DPoP " + token);
        System.out.println("TOKEN=" + token);
        System.out.println("APP_SEED=" + HexFormat.of().formatHex(appSeed));
        System.out.flush();
    }

    /** Writes {@code count} fresh DPoP proofs of GET {@code url} for the token, one a line. */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: DelegatedBench URL TOKEN APP_SEED_HEX COUNT FILE");
            System.exit(2);
        }
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(args[2]));
        SecureRandom random = new SecureRandom();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[4]))) {
            for (int i = Integer.parseInt(args[3]); i > 0; i--) {
                out.write(PopProof.createDpop(key, "GET", args[0], args[1], Instant.now(), random));
                out.newLine();
            }
        }
    }
}
