package dev.turnpike.bench;

import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Ed25519 signature check of a DPoP proof's signing input (header.payload, ~400 bytes), three ways: ours
 * ({@code bouncyCastle}: BouncyCastle with the key's point decoded once, as {@link Ed25519PublicKey} keeps it), the
 * JDK's SunEC provider ({@code jdk}), and libsodium's {@code crypto_sign_verify_detached} called through the FFM API
 * ({@code libsodium}, the system's {@code libsodium.so.23}; skipped with a message when it is missing). The
 * baseline of {@code DelegationVerifyBenchmark.proof}, which is one of these checks plus the JSON and claim checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class Ed25519VerifyBenchmark {

    private Ed25519PublicKey ours;
    private byte[] message;
    private byte[] signature;
    private Signature jdk;
    private PublicKey jdkKey;
    private Arena arena;
    private MethodHandle sodiumVerify;
    private MemorySegment nativeMessage;
    private MemorySegment nativeSignature;
    private MemorySegment nativeKey;

    @Setup
    public void setUp() throws Throwable {
        Ed25519KeyPair app = Ed25519KeyPair.generate(new SecureRandom());
        String proof = PopProof.createDpop(app, "GET", "https://api.example/energy/sites/site-1/meters",
                "eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.e30.c2ln", Instant.now(), new SecureRandom());
        int lastDot = proof.lastIndexOf('.');
        message = proof.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64Url.decode(proof.substring(lastDot + 1), 128);
        ours = app.publicKey();
        jdk = Signature.getInstance("Ed25519");
        jdkKey = jdkPublicKey(ours.toBytes());
        arena = Arena.ofShared();
        nativeMessage = arena.allocateFrom(ValueLayout.JAVA_BYTE, message);
        nativeSignature = arena.allocateFrom(ValueLayout.JAVA_BYTE, signature);
        nativeKey = arena.allocateFrom(ValueLayout.JAVA_BYTE, ours.toBytes());
        sodiumVerify = libsodiumVerify();
        if (!bouncyCastle() || !jdk() || (sodiumVerify != null && !libsodium())) {
            throw new IllegalStateException("each implementation must accept the proof's signature");
        }
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public boolean bouncyCastle() {
        return ours.verify(message, signature);
    }

    @Benchmark
    public boolean jdk() throws Exception {
        jdk.initVerify(jdkKey);
        jdk.update(message);
        return jdk.verify(signature);
    }

    /** libsodium's check of the same bytes, the message and key already in native memory. */
    @Benchmark
    public boolean libsodium() throws Throwable {
        if (sodiumVerify == null) {
            throw new IllegalStateException("libsodium is not installed here (libsodium.so.23)");
        }
        return (int) sodiumVerify.invokeExact(nativeSignature, nativeMessage, (long) message.length, nativeKey) == 0;
    }

    private static MethodHandle libsodiumVerify() throws Throwable {
        SymbolLookup sodium;
        try {
            sodium = SymbolLookup.libraryLookup("libsodium.so.23", Arena.global());
        } catch (IllegalArgumentException missing) {
            System.err.println("libsodium.so.23 not found: the libsodium benchmark will fail");
            return null;
        }
        Linker linker = Linker.nativeLinker();
        MethodHandle init = linker.downcallHandle(sodium.find("sodium_init").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        if ((int) init.invokeExact() < 0) {
            throw new IllegalStateException("sodium_init failed");
        }
        return linker.downcallHandle(sodium.find("crypto_sign_verify_detached").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    }

    /** The JDK's form of an encoded Ed25519 key: the y coordinate little-endian, x's parity in the top bit. */
    private static PublicKey jdkPublicKey(byte[] encoded) throws Exception {
        byte[] y = new byte[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            y[i] = encoded[encoded.length - 1 - i];
        }
        boolean xOdd = (y[0] & 0x80) != 0;
        y[0] &= 0x7f;
        return KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, y))));
    }
}
