package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.ratelimit.ClientPrefix;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first {@code free} requests of a client network pass without a token; then {@code paid} decides.
 * Counts are kept in memory for at most {@code maxNetworks} networks; past that, new networks get no
 * freebies (failing closed: a flood of addresses cannot reset the counts).
 */
final class FreebieDenial implements Denial {

    private final int free;
    private final int maxNetworks;
    private final Denial paid;
    private final ConcurrentHashMap<Long, AtomicInteger> used = new ConcurrentHashMap<>();

    FreebieDenial(int free, int maxNetworks, Denial paid) {
        this.free = free;
        this.maxNetworks = maxNetworks;
        this.paid = paid;
    }

    @Override
    public void deny(Exchange exchange, Chain next, Refusal refusal) {
        if (takeFreebie(ClientPrefix.of(exchange.client))) {
            next.proceed(exchange);
        } else {
            paid.deny(exchange, next, refusal);
        }
    }

    private boolean takeFreebie(long network) {
        AtomicInteger count = used.get(network);
        if (count == null) {
            if (used.size() >= maxNetworks) {
                return false;
            }
            count = used.computeIfAbsent(network, k -> new AtomicInteger());
        }
        return count.incrementAndGet() <= free;
    }
}
