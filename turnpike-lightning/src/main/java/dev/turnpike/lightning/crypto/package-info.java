/**
 * secp256k1 keys and recoverable ECDSA signatures (RFC 6979 nonces, low-S), SHA-256, and the payment
 * hash and preimage values. Built on BouncyCastle's low-level API. Pure code: no I/O, no clock.
 */
package dev.turnpike.lightning.crypto;
