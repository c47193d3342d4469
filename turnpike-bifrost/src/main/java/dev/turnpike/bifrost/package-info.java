/** Bifrost delegated wallet login: the protocol, pure (no I/O). */
package dev.turnpike.bifrost;
