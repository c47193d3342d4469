/**
 * Bifrost delegated wallet login, the clients: {@link dev.turnpike.client.bifrost.BifrostApp} (the application,
 * which obtains a token delegating to its own key) and {@link dev.turnpike.client.bifrost.BifrostWallet} (the wallet,
 * which signs it with the user's key), over a Bifrost bridge's HTTP API; their keys in owner-only {@link
 * dev.turnpike.client.bifrost.KeyFile}s and the application's token in a {@link
 * dev.turnpike.client.bifrost.TokenFile}. The protocol itself (tokens, verifiers, proofs) is {@code turnpike-bifrost}.
 */
package dev.turnpike.client.bifrost;
