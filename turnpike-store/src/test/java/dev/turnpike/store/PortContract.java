package dev.turnpike.store;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract of a store port ({@code dev.turnpike.store.api}), the same for every store: a store's test extends
 * the port's contract and says how to open the port on a database of its own for the test.
 *
 * @param <P> the port
 */
abstract class PortContract<P> {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * The port on the test's database, a new instance with its own connections on every call: a second call is a
     * second gateway on the same database and, after {@link #closeAll}, a restart. Pass what must be closed at
     * shutdown through {@link #closedAtShutdown}.
     */
    protected abstract P open() throws Exception;

    /** {@code resource}, to be closed by {@link #closeAll}. */
    protected final <R extends AutoCloseable> R closedAtShutdown(R resource) {
        opened.add(resource);
        return resource;
    }

    /** Closes everything {@link #open} opened, as a shutdown does. */
    @AfterEach
    final void closeAll() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        opened.clear();
    }
}
