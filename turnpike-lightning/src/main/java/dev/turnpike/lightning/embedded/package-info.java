/**
 * The embedded development Lightning node: the default {@link dev.turnpike.lightning.node.InvoiceBackend},
 * so that everything runs without an external node. It signs real BOLT #11 invoices with a persistent node
 * key and settles them from dev wallets funded by a faucet; nothing leaves the process.
 */
package dev.turnpike.lightning.embedded;
