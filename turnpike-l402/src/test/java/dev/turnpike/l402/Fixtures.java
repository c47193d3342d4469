package dev.turnpike.l402;

import dev.turnpike.l402.macaroon.Macaroon;
import dev.turnpike.l402.macaroon.RootKey;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared test doubles: in-memory stores, a fake challenger, a fixed clock. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {}

    static Clock clockAt(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** In-memory key store implementing both interfaces. */
    static final class MemoryKeys implements RootKeyStore, RootKeyWriter {
        final Map<RootKeyId, RootKey> keys = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();
        volatile boolean failing;

        @Override
        public Optional<RootKey> find(RootKeyId id) throws StoreException {
            lookups.incrementAndGet();
            if (failing) {
                throw new StoreException("db down");
            }
            return Optional.ofNullable(keys.get(id));
        }

        @Override
        public void save(RootKeyId id, RootKey key) throws StoreException {
            if (failing) {
                throw new StoreException("db down");
            }
            keys.put(id, key);
        }
    }

    static final class MemoryRevocations implements RevocationCheck {
        final Set<TokenId> revoked = new HashSet<>();
        final AtomicInteger checks = new AtomicInteger();
        volatile boolean failing;

        @Override
        public boolean isRevoked(TokenId tokenId) throws StoreException {
            checks.incrementAndGet();
            if (failing) {
                throw new StoreException("revocation backend down");
            }
            return revoked.contains(tokenId);
        }
    }

    /** Fake Lightning: makes up a preimage per invoice and remembers it, so tests can "pay". */
    static final class FakeLightning implements Challenger {
        final Map<String, Preimage> preimages = new ConcurrentHashMap<>();
        final SecureRandom random = seededRandom(99);
        volatile Price lastPrice;
        volatile String lastMemo;
        volatile boolean failing;

        @Override
        public Invoice newInvoice(Price price, String memo) throws StoreException {
            if (failing) {
                throw new StoreException("lnd down");
            }
            lastPrice = price;
            lastMemo = memo;
            byte[] p = new byte[32];
            random.nextBytes(p);
            Preimage preimage = Preimage.of(p);
            String bolt11 = "lnbcrt" + preimages.size() + "fake" + preimage.paymentHash().toHex();
            preimages.put(bolt11, preimage);
            return new Invoice(bolt11, preimage.paymentHash());
        }

        Preimage pay(Challenge c) {
            return preimages.get(c.invoice());
        }
    }

    /** A world: keys, revocations, lightning, a minter and a verifier at {@link #NOW}. */
    static final class World {
        final MemoryKeys keys = new MemoryKeys();
        final MemoryRevocations revocations = new MemoryRevocations();
        final FakeLightning lightning = new FakeLightning();
        final Minter minter;
        Clock verifierClock = clockAt(NOW);

        World() {
            minter = Minter.builder().challenger(lightning).rootKeyWriter(keys).random(seededRandom(1))
                    .clock(clockAt(NOW)).build();
        }

        L402Verifier verifier(ConstraintSatisfier... constraints) {
            L402Verifier.Builder b = L402Verifier.builder().rootKeyStore(keys).revocationCheck(revocations)
                    .clock(verifierClock);
            for (ConstraintSatisfier c : constraints) {
                b.constraint(c);
            }
            return b.build();
        }

        Challenge mint(ServiceSpec spec) {
            try {
                return minter.mint(spec);
            } catch (MintException e) {
                throw new AssertionError(e);
            }
        }

        /** Mint for service "api" (tier 1, caps read,write, 1h) and pay. */
        Credential paidCredential() {
            Challenge c = mint(defaultSpec().build());
            return new Credential(c.macaroon(), lightning.pay(c));
        }

        static ServiceSpec.Builder defaultSpec() {
            return ServiceSpec.builder("api").tier(1).price(Price.sats(10)).capabilities("read", "write")
                    .lifetime(java.time.Duration.ofHours(1));
        }

        /** A token with exactly these caveats, its root key stored, paid with {@code preimage}. */
        Credential token(byte[] identifier, Preimage preimage, String... caveats) {
            RootKey key = RootKey.generate(seededRandom(3));
            try {
                keys.save(RootKeyId.ofIdentifierBytes(identifier), key);
            } catch (StoreException e) {
                throw new AssertionError(e);
            }
            Macaroon m = Macaroon.create(key, identifier, "lsat");
            for (String c : caveats) {
                m = m.addFirstPartyCaveat(c);
            }
            return new Credential(m, preimage);
        }

        Credential attenuate(Credential c, String... caveats) {
            Macaroon m = c.macaroon();
            for (String cav : caveats) {
                m = m.addFirstPartyCaveat(cav);
            }
            return new Credential(m, c.preimage());
        }
    }
}
