package dev.turnpike.bifrost;

import dev.turnpike.bifrost.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link ReplayCache} in this process's memory, bounded: at most {@code capacity} identities are remembered. If it
 * is full of identities whose time is not over, new proofs are {@link ReplayCache.Use#FULL} rather than forgetting
 * one that could still be replayed. Thread-safe; the clock is injected.
 *
 * <p>Built for a gateway's request rate: identities are kept as 64 bits of their SHA-256 (16 bytes of memory each),
 * grouped by the second their time ends, so forgetting expired ones drops whole seconds at once instead of
 * scanning. A replay is looked for among the identities whose time ends in the same second, which is exact for
 * proofs: a proof's time is its {@code iat} plus a fixed window, so the same proof always comes with the same time
 * (an identity reused with another {@code iat} is another proof, which only the key's holder can make). The default
 * capacity holds about 15,000 fresh proofs a second with the default 65 s window, in at most 32 MiB.
 */
public final class InMemoryReplayCache implements ReplayCache {
    /** A capacity that suits one gateway. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    private final int capacity;
    private final Clock clock;
    private final TreeMap<Long, LongSet> bySecondOfEnd = new TreeMap<>();
    private int size;

    /** @throws IllegalArgumentException if {@code capacity} is not positive */
    public InMemoryReplayCache(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Use firstUse(String id, Instant keepUntil) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keepUntil, "keepUntil");
        long hash = hash(id);
        synchronized (this) {
            Instant now = clock.instant();
            forgetSecondsBefore(now.getEpochSecond());
            if (keepUntil.isBefore(now)) {
                return Use.FIRST; // its time is over: nothing to remember
            }
            LongSet ids = bySecondOfEnd.get(keepUntil.getEpochSecond());
            if (ids != null && ids.contains(hash)) {
                return Use.REPLAYED;
            }
            if (size >= capacity) {
                return Use.FULL;
            }
            if (ids == null) {
                ids = new LongSet();
                bySecondOfEnd.put(keepUntil.getEpochSecond(), ids);
            }
            ids.add(hash);
            size++;
            return Use.FIRST;
        }
    }

    /** How many identities are remembered now (those whose time ended within the current second included). */
    public synchronized int size() {
        return size;
    }

    /** Drops the identities whose time ended before {@code second} began: all of them are over. */
    private void forgetSecondsBefore(long second) {
        while (!bySecondOfEnd.isEmpty() && bySecondOfEnd.firstKey() < second) {
            size -= bySecondOfEnd.pollFirstEntry().getValue().size();
        }
    }

    private static long hash(String id) {
        return ByteBuffer.wrap(Sha256.hash(id.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** A growing set of non-zero longs, open addressing with linear probing; 0 marks a free slot. */
    private static final class LongSet {
        private long[] slots = new long[16];
        private int count;

        boolean contains(long value) {
            long v = value == 0 ? 1 : value;
            for (int i = index(v, slots.length); slots[i] != 0; i = (i + 1) & (slots.length - 1)) {
                if (slots[i] == v) {
                    return true;
                }
            }
            return false;
        }

        /** Adds a value not in the set. */
        void add(long value) {
            if (2 * (count + 1) > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                for (long v : old) {
                    if (v != 0) {
                        put(v);
                    }
                }
            }
            put(value == 0 ? 1 : value);
            count++;
        }

        int size() {
            return count;
        }

        private void put(long v) {
            int i = index(v, slots.length);
            while (slots[i] != 0) {
                i = (i + 1) & (slots.length - 1);
            }
            slots[i] = v;
        }

        private static int index(long v, int length) {
            return (int) (v ^ (v >>> 32)) & (length - 1);
        }
    }
}
