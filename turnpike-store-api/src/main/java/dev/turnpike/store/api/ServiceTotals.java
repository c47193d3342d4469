package dev.turnpike.store.api;

/** Counts and revenue of one service: tokens issued, tokens paid, and what the paid ones earned. */
public record ServiceTotals(String service, long issued, long settled, long revenueMsat) {}
