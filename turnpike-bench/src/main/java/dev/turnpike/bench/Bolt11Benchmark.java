package dev.turnpike.bench;

import dev.turnpike.lightning.bolt11.Bolt11Exception;
import dev.turnpike.lightning.bolt11.Bolt11Invoice;
import dev.turnpike.lightning.bolt11.Network;
import dev.turnpike.lightning.crypto.PaymentHash;
import dev.turnpike.lightning.crypto.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
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
 * BOLT11 alone: building and signing an invoice like the embedded node's (the signature is most of a
 * mint), and decoding one with signature check and key recovery (what a paying client does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g"})
public class Bolt11Benchmark {

    private final SecureRandom random = new SecureRandom();
    private PrivateKey key;
    private PaymentHash hash;
    private byte[] secret;
    private String encoded;

    @Setup
    public void setUp() {
        key = PrivateKey.generate(random);
        hash = PaymentHash.of(bytes(32));
        secret = bytes(32);
        encoded = sign().encoded();
    }

    @Benchmark
    public Bolt11Invoice sign() {
        return Bolt11Invoice.builder(Network.REGTEST)
                .amountMsat(10_000)
                .timestamp(Instant.ofEpochSecond(1_795_000_000L))
                .paymentHash(hash)
                .paymentSecret(secret)
                .description("L402 token for quotes")
                .expirySeconds(600)
                .sign(key);
    }

    @Benchmark
    public Bolt11Invoice decode() throws Bolt11Exception {
        return Bolt11Invoice.decode(encoded);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
