package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.ratelimit.ClientPrefix;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.FreebieLedger;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first {@code free} requests of a client network pass without a token; then {@code paid} decides.
 * Counts are kept in memory for at most {@code maxNetworks} networks; past that, new networks get no
 * freebies (failing closed: a flood of addresses cannot reset the counts). Each free request is also
 * written to the {@link FreebieLedger} on {@code writer} (off the event loop), and the counts it holds are
 * loaded at start, so a restart gives no fresh freebies.
 */
final class FreebieDenial implements Denial {

    private static final Logger log = LoggerFactory.getLogger(FreebieDenial.class);

    private final String service;
    private final int free;
    private final int maxNetworks;
    private final Denial paid;
    private final ClientPrefix prefix;
    private final FreebieLedger ledger;
    private final Executor writer;
    private final ConcurrentHashMap<ClientPrefix.Network, AtomicInteger> used = new ConcurrentHashMap<>();

    FreebieDenial(String service, int free, int maxNetworks, Denial paid, ClientPrefix prefix, FreebieLedger ledger,
            Executor writer) throws StoreException {
        this.service = service;
        this.free = free;
        this.maxNetworks = maxNetworks;
        this.paid = paid;
        this.prefix = prefix;
        this.ledger = ledger;
        this.writer = writer;
        ledger.used(service).forEach((network, count) -> {
            if (used.size() < maxNetworks) {
                used.put(ClientPrefix.Network.ofKey(network), new AtomicInteger(count));
            }
        });
    }

    @Override
    public void deny(Exchange exchange, Chain next, Refusal refusal) {
        if (takeFreebie(prefix.of(exchange.client))) {
            exchange.auth = "freebie";
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
        int n = count.updateAndGet(c -> c <= free ? c + 1 : c); // stops at free + 1: never wraps around
        if (n > free) {
            return false;
        }
        record(network, n);
        return true;
    }

    private void record(ClientPrefix.Network network, int n) {
        try {
            writer.execute(() -> {
                try {
                    ledger.use(service, network.key(), n);
                } catch (StoreException e) {
                    log.warn("the freebie count of {} could not be stored: {}", service, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("the freebie count of {} was not stored: the writer is full", service);
        }
    }
}
