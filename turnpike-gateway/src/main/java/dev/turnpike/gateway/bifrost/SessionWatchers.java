package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.ChangeFeed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who waits for a session to change in this process (long-polls, event streams), by session. A change made through
 * this gateway wakes them at once, on the thread that made it; one made by another gateway sharing the database
 * arrives through the {@link ChangeFeed} (by the hash of the session's id, never the id): the session is read again
 * and they are woken on the feed's thread. After a resync every watched session is read again. Watchers must not
 * block.
 */
final class SessionWatchers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionWatchers.class);

    /** Reads a session as stored now. */
    interface Reader {
        Optional<Session> read(SessionId id) throws StoreException;
    }

    private record Watcher(SessionId id, Consumer<Session> onChange) {}

    private final Map<String, List<Watcher>> byIdHash = new ConcurrentHashMap<>();

    /** Calls {@code watcher} with every later change of the session until the returned handle is closed. */
    AutoCloseable watch(SessionId id, Consumer<Session> watcher) {
        Watcher w = new Watcher(id, watcher);
        byIdHash.computeIfAbsent(id.hashed(), k -> new CopyOnWriteArrayList<>()).add(w);
        return () -> byIdHash.computeIfPresent(id.hashed(), (k, list) -> {
            list.remove(w);
            return list.isEmpty() ? null : list;
        });
    }

    void changed(Session session) {
        byIdHash.getOrDefault(session.id().hashed(), List.of()).forEach(w -> w.onChange().accept(session));
    }

    /** Wakes the watchers of sessions other gateways change, reading each changed session with {@code reader}. */
    void listenTo(ChangeFeed feed, Reader reader) {
        feed.subscribe(ChangeFeed.Topic.SESSION, idHash -> reread(idHash, reader));
        feed.onResync(() -> byIdHash.keySet().forEach(idHash -> reread(idHash, reader)));
    }

    private void reread(String idHash, Reader reader) {
        List<Watcher> watching = byIdHash.getOrDefault(idHash, List.of());
        if (watching.isEmpty()) {
            return;
        }
        try {
            reader.read(watching.get(0).id()).ifPresent(this::changed);
        } catch (StoreException e) {
            LOG.warn("a session changed by another gateway could not be read: {}", e.getMessage());
        }
    }
}
