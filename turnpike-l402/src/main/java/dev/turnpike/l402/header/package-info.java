/**
 * The L402 HTTP header codec: {@code WWW-Authenticate} challenges and {@code Authorization} / {@code Macaroon}
 * credentials, formatting and bounded, never-throwing parsing ({@link dev.turnpike.l402.header.ParseResult}).
 */
package dev.turnpike.l402.header;
