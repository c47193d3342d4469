package dev.turnpike.gateway.challenge;

import dev.turnpike.l402.Challenge;
import dev.turnpike.l402.MintException;
import dev.turnpike.l402.ServiceSpec;

/**
 * Mints the token a 402 offers. {@code Minter::mint} is one; the gateway's owner may wrap it, e.g. to book
 * each token in a ledger. Called on the mint executor: it may block.
 */
@FunctionalInterface
public interface TokenMint {

    Challenge mint(ServiceSpec spec) throws MintException;
}
