package dev.turnpike.lightning;

import dev.turnpike.testing.fuzz.FuzzTargetRuns;

/** The bounded fuzzing pass of this module's Jazzer targets in {@code verify}; see docs/fuzzing.md. */
class FuzzTargetsIT extends FuzzTargetRuns {}
