/**
 * The embedded development Lightning node: the default {@link dev.turnpike.lightning.node.InvoiceBackend},
 * so that everything runs without an external node. It signs real BOLT #11 invoices with a persistent node
 * key and settles them from dev wallets funded by a faucet; nothing leaves the process. Its state lives in a data
 * directory ({@code node.key}, SQLite {@code node.db}). {@link dev.turnpike.devnode.EmbeddedDevWallets} lends the
 * wallets to the gateway's dev wallet API.
 */
package dev.turnpike.devnode;
