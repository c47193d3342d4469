package dev.turnpike.gateway.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The socket layer the configuration asks for ({@code transport:}). Only a choice: the server resolves it to event
 * loops and channels when it starts, and says there when a native one cannot run on this machine.
 */
public enum TransportChoice {
    /** io_uring where the kernel allows it, else epoll, else NIO. */
    AUTO("auto"),
    IO_URING("io_uring"),
    EPOLL("epoll"),
    NIO("nio");

    /** The names written in the file, in this order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(TransportChoice::yamlName).toList();

    private final String yamlName;

    TransportChoice(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name written in the file, e.g. {@code io_uring}. */
    public String yamlName() {
        return yamlName;
    }

    /** The choice written as {@code name} in the file. */
    public static Optional<TransportChoice> named(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }
}
