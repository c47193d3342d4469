/**
 * The gateway's store ports: the {@link dev.turnpike.store.api.TokenLedger token ledger}, the
 * {@link dev.turnpike.store.api.FreebieLedger freebie ledger} and the Bifrost
 * {@link dev.turnpike.store.api.SessionStore session store}, with the values they keep. The gateway depends on
 * them and every store (SQLite in {@code turnpike-store}) implements them, so neither depends on the other.
 * The root-key store is the verifier's and stays with it in {@code turnpike-l402}.
 */
package dev.turnpike.store.api;
