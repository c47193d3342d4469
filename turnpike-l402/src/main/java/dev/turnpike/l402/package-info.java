/**
 * L402 protocol core: identifiers, caveats, minting and verification. Pure (no I/O, no wall clock, no
 * dependencies beyond the JDK); storage, Lightning and HTTP live in other modules behind the small interfaces
 * {@link dev.turnpike.l402.RootKeyStore}, {@link dev.turnpike.l402.RootKeyWriter} (or
 * {@link dev.turnpike.l402.MintedTokenWriter}, which stores a whole minted token),
 * {@link dev.turnpike.l402.RevocationCheck} and {@link dev.turnpike.l402.Challenger}.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * // server side, once
 * Minter minter = Minter.builder().challenger(lightning).rootKeyWriter(store)
 *         .random(new SecureRandom()).clock(Clock.systemUTC()).build();
 * L402Verifier verifier = L402Verifier.builder().rootKeyStore(store)
 *         .revocationCheck(revocations).clock(Clock.systemUTC()).build();
 *
 * // 1. no credential: mint and answer 402 with both WWW-Authenticate values
 * Challenge challenge = minter.mint(ServiceSpec.builder("api").tier(0).price(Price.sats(10))
 *         .capabilities("read").lifetime(Duration.ofHours(1)).build());
 * List<String> wwwAuthenticate = L402Headers.challengeValues(challenge);
 *
 * // 2. client: parse the challenge, pay the invoice, send the credential
 * Challenge parsed = ((ParseResult.Ok<Challenge>) L402Headers.parseChallenges(wwwAuthenticate)).value();
 * Preimage preimage = wallet.pay(parsed.invoice());
 * String authorization = L402Headers.authorizationValue(new Credential(parsed.macaroon(), preimage));
 *
 * // 3. server: parse and verify
 * switch (L402Headers.parseCredential(request::headerValues)) {
 *     case ParseResult.Ok<Credential> ok -> {
 *         switch (verifier.verify(ok.value(), RequestContext.forService("api").requiringCapability("read"))) {
 *             case VerificationResult.Valid v -> forward(request, v.tokenId(), v.tier());
 *             case VerificationResult.Invalid i -> reject(i.reason()); // BACKEND_UNAVAILABLE -> 503
 *         }
 *     }
 *     case ParseResult.Err<Credential> e -> challengeOrReject(e.error());
 * }
 * }</pre>
 * (The only wall clock is the caller's {@code Clock.systemUTC()}; this module itself never reads the time.)
 */
package dev.turnpike.l402;
