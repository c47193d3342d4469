package dev.turnpike.bench;

import dev.turnpike.devnode.EmbeddedNode;
import dev.turnpike.gateway.challenge.InvoiceChallenger;
import dev.turnpike.gateway.ledger.LedgerRecorder;
import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.Minter;
import dev.turnpike.l402.Price;
import dev.turnpike.l402.ServiceSpec;
import dev.turnpike.l402.header.L402Headers;
import dev.turnpike.store.Database;
import dev.turnpike.store.JdbcTokenLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Minting a 402 challenge with the embedded node: a fresh invoice (preimage, hash, secret, BOLT11
 * signed with secp256k1), a random root key stored, the macaroon with its caveats, and the two
 * {@code WWW-Authenticate} values. {@code store=memory} measures the computation alone (the key in a map);
 * {@code store=sqlite} the embedded defaults as the gateway mints, with the node's invoices in SQLite and the root key
 * booked with its token in one transaction ({@link LedgerRecorder#minted}), in SQLite files (WAL).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xmx2g", "--enable-native-access=ALL-UNNAMED"})
public class MintBenchmark {

    @Param({"memory", "sqlite"})
    public String store;

    private final ServiceSpec spec = ServiceSpec.builder("quotes")
            .price(Price.sats(10))
            .capabilities("read")
            .lifetime(Duration.ofHours(1))
            .build();
    private Path dir;
    private EmbeddedNode node;
    private Database database;
    private Minter minter;

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        EmbeddedNode.Builder nodeBuilder = EmbeddedNode.builder().clock(clock).random(random);
        Minter.Builder minting = Minter.builder();
        if (store.equals("sqlite")) {
            dir = Files.createTempDirectory("turnpike-bench");
            node = nodeBuilder.dataDirectory(dir.resolve("node")).build();
            database = Database.sqlite(dir.resolve("turnpike.db"));
            minting.tokenWriter(new LedgerRecorder(new JdbcTokenLedger(database), Runnable::run, clock)::minted);
        } else {
            node = nodeBuilder.build();
            minting.rootKeyWriter(new ConcurrentHashMap<>()::put);
        }
        minter = minting
                .challenger(new InvoiceChallenger(node, Duration.ofMinutes(10)))
                .random(random)
                .clock(clock)
                .build();
    }

    @Benchmark
    public List<String> mintChallenge() throws Exception {
        Challenge challenge = minter.mint(spec);
        return L402Headers.challengeValues(challenge);
    }

    @TearDown
    public void tearDown() throws Exception {
        if (database != null) {
            database.close();
        }
        node.close();
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
