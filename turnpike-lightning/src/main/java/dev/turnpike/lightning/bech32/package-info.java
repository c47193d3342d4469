/**
 * BIP-173 bech32 (checksum constant 1, not bech32m) without BIP-173's 90-character limit, as BOLT #11
 * requires, but bounded by {@link dev.turnpike.lightning.bech32.Bech32#MAX_LENGTH}. Pure code: no I/O.
 */
package dev.turnpike.lightning.bech32;
