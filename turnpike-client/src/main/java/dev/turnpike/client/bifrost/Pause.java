package dev.turnpike.client.bifrost;

import java.time.Duration;

/** Waits between two polls of a session. {@link #SLEEP} sleeps; a test passes one that moves its clock instead. */
@FunctionalInterface
public interface Pause {

    /** Sleeps the calling thread. */
    Pause SLEEP = Thread::sleep;

    /** Returns after {@code duration}, or throws if the thread is interrupted meanwhile. */
    void pause(Duration duration) throws InterruptedException;
}
