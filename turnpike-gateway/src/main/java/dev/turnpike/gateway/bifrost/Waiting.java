package dev.turnpike.gateway.bifrost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.bifrost.session.Session;
import dev.turnpike.bifrost.session.SessionId;
import dev.turnpike.bifrost.session.SessionState;
import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.EventSink;
import dev.turnpike.gateway.hosting.Hold;
import dev.turnpike.gateway.hosting.ServerSentEvent;
import dev.turnpike.l402.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waiting for sessions without holding threads: long-polls (answered when the session changes or the wait is over)
 * and event streams (a {@code state} event per change, closed on a final state or expiry). One timer thread only
 * completes futures; whatever reads the store after a wake-up runs on a small bounded pool. The same timer purges
 * expired sessions every minute.
 */
final class Waiting implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Waiting.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PURGE_EVERY_SECONDS = 60;

    private final SessionService service;
    private final PollPacer pacer;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("bifrost-timer"));
    private final ThreadPoolExecutor wakeUps = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4096), daemon("bifrost-wake"), new ThreadPoolExecutor.AbortPolicy());

    Waiting(SessionService service) {
        this.service = service;
        this.pacer = new PollPacer(service.config().pollInterval());
        timer.scheduleAtFixedRate(() -> wakeUps.execute(this::purge), PURGE_EVERY_SECONDS, PURGE_EVERY_SECONDS,
                TimeUnit.SECONDS);
    }

    PollPacer pacer() {
        return pacer;
    }

    /**
     * A long-poll on a pending session: {@code answer} is called (off the event loop) with the session's id once it
     * changes in this process, or after {@code wait} (at most until it expires), whichever is first.
     */
    ApiAnswer.Later until(Session s, Duration wait, Hold hold, Function<SessionId, ApiResponse> answer) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        AutoCloseable watch = service.watchers().watch(s.id(), changed -> woken.complete(null));
        long millis = Math.min(wait.toMillis(), Math.max(0, millisUntil(s.expiresAt())));
        ScheduledFuture<?> timeout = timer.schedule(() -> woken.complete(null), millis, TimeUnit.MILLISECONDS);
        CompletableFuture<ApiResponse> response = woken.thenApplyAsync(v -> answer.apply(s.id()), wakeUps);
        response.whenComplete((r, e) -> {
            closeQuietly(watch);
            timeout.cancel(false);
        });
        if (changedMeanwhile(s)) {
            woken.complete(null);
        }
        return new ApiAnswer.Later(response, hold);
    }

    /** The session's state as server-sent events, from its current state on. */
    ApiAnswer.EventStream events(Session s, Hold hold) {
        return new ApiAnswer.EventStream(Map.of("Access-Control-Allow-Origin", "*"), BifrostApi.HEARTBEAT, sink -> {
            StateEvents events = new StateEvents(sink, s.expiresAt());
            AutoCloseable watch = service.watchers().watch(s.id(), events::send);
            ScheduledFuture<?> expiry = timer.schedule(events::expired, Math.max(0, millisUntil(s.expiresAt())),
                    TimeUnit.MILLISECONDS);
            sink.onClose(() -> {
                closeQuietly(watch);
                expiry.cancel(false);
            });
            try {
                events.send(service.reload(s.id()));
            } catch (BifrostProblem e) {
                events.expired(); // gone from the store: its time is over
            } catch (StoreException e) {
                sink.close(); // the store failed: say nothing about the session, the client reconnects
            }
        }, hold);
    }

    /** Whether the session left the pending state between the caller's read and the watch being set. */
    private boolean changedMeanwhile(Session s) {
        try {
            return service.reload(s.id()).state(service.now()) != SessionState.PENDING;
        } catch (BifrostProblem | StoreException e) {
            return true; // let the answer tell what is wrong
        }
    }

    private long millisUntil(Instant t) {
        return Duration.between(service.now(), t).toMillis();
    }

    private void purge() {
        try {
            int purged = service.purgeExpired().sessions();
            if (purged > 0) {
                log.debug("purged {} expired Bifrost sessions", purged);
            }
        } catch (StoreException e) {
            log.warn("expired Bifrost sessions could not be purged: {}", e.getMessage());
        }
    }

    /** The events of one stream: each state once, in order (states only move forward), ending on a final one. */
    private final class StateEvents {
        private final EventSink sink;
        private final Instant expiresAt;
        private int sentRank = -1;
        private int sequence;

        StateEvents(EventSink sink, Instant expiresAt) {
            this.sink = sink;
            this.expiresAt = expiresAt;
        }

        void send(Session s) {
            send(s.state(service.now()));
        }

        void expired() {
            send(SessionState.EXPIRED);
        }

        private synchronized void send(SessionState state) {
            int rank = state == SessionState.PENDING ? 0 : state == SessionState.APPROVED ? 1 : 2;
            if (rank <= sentRank) {
                return;
            }
            sentRank = rank;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("state", BifrostApi.stateName(state));
            data.put("expiresAt", expiresAt.getEpochSecond());
            try {
                sink.send(new ServerSentEvent("state", JSON.writeValueAsString(data), Integer.toString(sequence++)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a state event could not be written", e);
            }
            if (state.isTerminal()) {
                sink.close();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("a watch could not be closed", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "turnpike-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        wakeUps.shutdownNow();
    }
}
