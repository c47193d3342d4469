package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Who waits for a session to change in this process (long-polls, event streams), by session. A change made through
 * this gateway wakes them at once; one made by another gateway sharing the database is seen when a waiter times
 * out and reads again. Watchers are called on the thread that made the change and must not block.
 */
final class SessionWatchers {

    private final Map<SessionId, List<Consumer<Session>>> watchers = new ConcurrentHashMap<>();

    /** Calls {@code watcher} with every later change of the session until the returned handle is closed. */
    AutoCloseable watch(SessionId id, Consumer<Session> watcher) {
        watchers.compute(id, (k, list) -> {
            List<Consumer<Session>> l = list == null ? new CopyOnWriteArrayList<>() : list;
            l.add(watcher);
            return l;
        });
        return () -> watchers.computeIfPresent(id, (k, list) -> {
            list.remove(watcher);
            return list.isEmpty() ? null : list;
        });
    }

    void changed(Session session) {
        List<Consumer<Session>> list = watchers.get(session.id());
        if (list != null) {
            list.forEach(w -> w.accept(session));
        }
    }
}
