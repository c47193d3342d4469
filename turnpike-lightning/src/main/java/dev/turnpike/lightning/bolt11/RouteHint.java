package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.bech32.Bech32;
import java.util.List;

/** A private route (one {@code r} field): hops from a public node to the payee, in order. */
public record RouteHint(List<RouteHintHop> hops) {

    public RouteHint {
        hops = List.copyOf(hops);
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a route hint has at least one hop");
        }
        if (hops.size() * RouteHintHop.LENGTH * 8 > TaggedField.MAX_WORDS * 5) {
            throw new IllegalArgumentException("a route hint has at most 12 hops, not " + hops.size());
        }
    }

    byte[] toWords() {
        byte[] bytes = new byte[hops.size() * RouteHintHop.LENGTH];
        for (int i = 0; i < hops.size(); i++) {
            hops.get(i).write(bytes, i * RouteHintHop.LENGTH);
        }
        return Bech32.toWords(bytes);
    }
}
