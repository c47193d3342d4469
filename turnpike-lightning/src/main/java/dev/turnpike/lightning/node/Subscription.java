package dev.turnpike.lightning.node;

/** A listener registration; closing it stops further calls. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
