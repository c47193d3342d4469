package dev.turnpike.nodes.fake;

/** How a fake node lies about the invoices it makes, to test that clients never trust a backend blindly. */
public enum Tamper {
    NONE,
    /** The BOLT #11 carries another payment hash than the one reported beside it. */
    WRONG_HASH,
    /** The BOLT #11 asks for one satoshi more than was requested. */
    WRONG_AMOUNT,
    /** The BOLT #11 is for testnet. */
    WRONG_NETWORK
}
