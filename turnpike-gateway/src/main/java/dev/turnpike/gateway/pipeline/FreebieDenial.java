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
    private final ConcurrentHashMap<ClientPrefix.Network, AtomicInteger> used = new ConcurrentHashMap<>();

    private final ClientPrefix prefix;

    FreebieDenial(int free, int maxNetworks, Denial paid, ClientPrefix prefix) {
        this.prefix = prefix;
        this.free = free;
        this.maxNetworks = maxNetworks;
        this.paid = paid;
    }

    @Override
    public void deny(Exchange exchange, Chain next, Refusal refusal) {
        if (takeFreebie(prefix.of(exchange.client))) {
            next.proceed(exchange);
        } else {
            paid.deny(exchange, next, refusal);
        }
    }

    private boolean takeFreebie(ClientPrefix.Network network) {
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
