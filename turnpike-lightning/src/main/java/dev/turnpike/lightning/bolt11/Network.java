package dev.turnpike.lightning.bolt11;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The chain an invoice is payable on, by its BIP-173 currency prefix. */
public enum Network {
    BITCOIN("bc"),
    TESTNET("tb"),
    SIGNET("tbs"),
    REGTEST("bcrt"),
    SIMNET("sb");

    // Longest first, so that "lnbcrt" is regtest rather than mainnet followed by "rt".
    private static final List<Network> BY_PREFIX_LENGTH = Stream.of(values())
            .sorted(Comparator.comparingInt((Network n) -> n.prefix.length()).reversed())
            .toList();

    private final String prefix;

    Network(String prefix) {
        this.prefix = prefix;
    }

    /** The currency prefix, e.g. "bc"; an invoice's human-readable part starts with "ln" and this. */
    public String prefix() {
        return prefix;
    }

    /** The network whose prefix is the longest one {@code text} starts with at {@code offset}, or null. */
    static Network matchPrefix(String text, int offset) {
        for (Network network : BY_PREFIX_LENGTH) {
            if (text.startsWith(network.prefix, offset)) {
                return network;
            }
        }
        return null;
    }
}
