/** Strict text encodings of bytes: Bitcoin-alphabet base58 (public keys) and unpadded base64url (JWS). */
package dev.turnpike.bifrost.encoding;
