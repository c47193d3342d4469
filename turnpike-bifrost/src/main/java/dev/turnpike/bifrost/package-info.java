/**
 * Bifrost delegated wallet login, the protocol, pure (no I/O, no logging, no clock: times and randomness are
 * parameters).
 *
 * <ul>
 *   <li>Wallet: {@link dev.turnpike.bifrost.DelegationToken#sign} makes the delegation token.</li>
 *   <li>Bridge: {@link dev.turnpike.bifrost.DelegationVerifier} decides whether a posted token approves a
 *       session; {@link dev.turnpike.bifrost.PopVerifier} checks an application's proof of possession.</li>
 *   <li>API: {@link dev.turnpike.bifrost.AccessVerifier} accepts a token (and a DPoP proof) on a request.</li>
 *   <li>Application: {@link dev.turnpike.bifrost.PopProof#createDpop} and {@code createForSession} prove it holds the
 *       delegated key; {@link dev.turnpike.bifrost.ReplayCache} makes each proof usable once.</li>
 * </ul>
 * Verifiers return a {@link dev.turnpike.bifrost.Verification} with one {@link dev.turnpike.bifrost.Reason}; they
 * never throw for bad input. Keys are in {@code crypto}, encodings in {@code encoding}, sessions in {@code session}.
 */
package dev.turnpike.bifrost;
