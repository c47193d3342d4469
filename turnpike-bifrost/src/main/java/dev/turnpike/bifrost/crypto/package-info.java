/**
 * Ed25519 (RFC 8032) on BouncyCastle: validated public keys in base58, key pairs that sign and keep their seed to
 * themselves, and SHA-256.
 */
package dev.turnpike.bifrost.crypto;
