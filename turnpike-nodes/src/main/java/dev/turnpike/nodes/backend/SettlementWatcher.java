package dev.turnpike.nodes.backend;

import dev.turnpike.nodes.http.HealthTracker;
import dev.turnpike.nodes.http.Texts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a backend's settlement session (lnd's invoice stream, CLN's waitanyinvoice loop, LNbits' polling) on one
 * background thread, again and again: a session that breaks is restarted after a {@link Backoff} delay, and the node
 * is reported down meanwhile. Started on first use, stopped by {@link #close()}.
 */
public final class SettlementWatcher implements AutoCloseable {

    /** One connection's worth of work; returns or throws when the connection ends. */
    @FunctionalInterface
    public interface Session {
        void run(Control control) throws Exception;
    }

    /** What a session may ask of its watcher. */
    public interface Control {
        /** The session is established: the node is up and the backoff starts over. */
        void connected();

        /** Waits, unless the watcher is closed meanwhile; false if it was. */
        boolean pause(Duration duration) throws InterruptedException;

        boolean isClosed();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SettlementWatcher.class);

    private final String name;
    private final Session session;
    private final Backoff backoff;
    private final HealthTracker health;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread thread;

    public SettlementWatcher(String name, Session session, Backoff backoff, HealthTracker health) {
        this.name = Objects.requireNonNull(name, "name");
        this.session = Objects.requireNonNull(session, "session");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.health = Objects.requireNonNull(health, "health");
    }

    /** Starts the background thread unless it runs already or the watcher is closed. */
    public synchronized void start() {
        if (thread == null && closed.getCount() > 0) {
            thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
        }
    }

    private void loop() {
        Control control = new Control() {
            @Override
            public void connected() {
                backoff.reset();
                health.up();
            }

            @Override
            public boolean pause(Duration duration) throws InterruptedException {
                return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public boolean isClosed() {
                return closed.getCount() == 0;
            }
        };
        while (!control.isClosed()) {
            String reason;
            try {
                session.run(control);
                reason = "the connection ended";
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                reason = Texts.describe(e);
            }
            if (control.isClosed()) {
                break;
            }
            health.down(name + ": " + reason);
            Duration delay = backoff.next();
            LOG.warn("{}: {}; reconnecting in {} ms", name, reason, delay.toMillis());
            try {
                if (!control.pause(delay)) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed.countDown();
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
