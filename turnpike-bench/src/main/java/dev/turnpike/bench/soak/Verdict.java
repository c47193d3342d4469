package dev.turnpike.bench.soak;

/** Whether the gateways' resources stayed flat after warm-up, and the figures that say so. */
record Verdict(boolean flat, String describe) {}
