package dev.turnpike.gateway.pipeline;

import java.util.List;

/** The rest of the pipeline after a stage. Linked once at start: passing on allocates nothing. */
@FunctionalInterface
interface Chain {
    void proceed(Exchange exchange);

    static Chain of(List<Stage> stages) {
        Chain next = exchange -> {
            throw new IllegalStateException("the last stage must answer");
        };
        for (int i = stages.size() - 1; i >= 0; i--) {
            Stage stage = stages.get(i);
            Chain rest = next;
            next = exchange -> stage.handle(exchange, rest);
        }
        return next;
    }
}
