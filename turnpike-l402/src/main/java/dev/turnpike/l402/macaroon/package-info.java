/**
 * Generic macaroons, byte-compatible with go-macaroon ({@code gopkg.in/macaroon.v2}) and libmacaroons: the immutable
 * {@link dev.turnpike.l402.macaroon.Macaroon} with its HMAC-SHA256 signature chain,
 * {@link dev.turnpike.l402.macaroon.RootKey}, and {@link dev.turnpike.l402.macaroon.MacaroonCodec} (V2 binary encode
 * and strict decode, V1 decode, lenient base64). Knows nothing about L402.
 */
package dev.turnpike.l402.macaroon;
