package dev.turnpike.store.api;

import dev.turnpike.l402.StoreException;
import java.util.Map;

/**
 * How many free requests each client network has used of a service ({@code auth: freebie}), kept so that a
 * restart gives nobody fresh freebies. Written off the event loop, once per free request (at most the service's
 * {@code free_requests} times per network); read once at start. Thread-safe; may block on I/O.
 */
public interface FreebieLedger {

    /** Keeps nothing: counts live in memory only. */
    FreebieLedger IN_MEMORY = new FreebieLedger() {
        @Override
        public Map<String, Integer> used(String service) {
            return Map.of();
        }

        @Override
        public void use(String service, String network, int used) {}
    };

    /** Free requests used so far by each network (its {@code ClientPrefix.Network.key()}) of {@code service}. */
    Map<String, Integer> used(String service) throws StoreException;

    /** Records that {@code network} has used {@code used} free requests of {@code service}; a count never drops. */
    void use(String service, String network, int used) throws StoreException;
}
