/** Test support shared by the modules' tests. */
package dev.turnpike.testing;
