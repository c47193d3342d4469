package dev.turnpike.testing.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Jazzer target whose input the gateway trusts by design (an operator's configuration, which names files
 * and writes regular expressions), so the Jazzer sanitizers that report such input as an injection are turned off
 * for that target's fuzzing JVM alone. Every other target keeps every sanitizer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TrustedInput {
    /** Simple names of the sanitizers to turn off, e.g. {@code RegexInjection} (package com.code_intelligence.jazzer.sanitizers). */
    String[] sanitizersOff();

    /** Why this input may do what the sanitizers report: read by whoever reviews the target. */
    String because();
}
