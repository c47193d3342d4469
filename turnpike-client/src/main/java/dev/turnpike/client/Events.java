package dev.turnpike.client;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the listener; a failing listener is logged, never breaks a request. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(L402Client.class);
    private final Consumer<L402Event> listener;

    Events(Consumer<L402Event> listener) {
        this.listener = listener;
    }

    void emit(L402Event event) {
        LOG.debug("{}", event);
        if (listener == null) {
            return;
        }
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("L402 event listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }
}
