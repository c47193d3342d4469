/**
 * The session model of the Bifrost bridge, pure: ids, poll tokens, confirmation codes, the state machine and the
 * wallet deep link. Stores and HTTP live elsewhere.
 */
package dev.turnpike.bifrost.session;
