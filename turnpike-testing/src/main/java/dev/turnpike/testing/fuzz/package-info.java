/**
 * The bounded fuzzing pass of {@code verify}: each Jazzer target of a module fuzzes in a JVM of its own, since
 * Jazzer fuzzes one target per JVM and Maven may run on a JDK too old to fork per test class itself. See
 * docs/fuzzing.md.
 */
package dev.turnpike.testing.fuzz;
