/**
 * The small interfaces through which the gateway uses a Lightning node, owned by their consumers:
 * {@link dev.turnpike.lightning.node.InvoiceBackend} to receive, {@link dev.turnpike.lightning.node.Payer} to
 * pay, {@link dev.turnpike.lightning.node.DevWallets} to serve a development node's wallets. Failures are
 * {@link dev.turnpike.lightning.node.LightningException}s whose subtype says whether to retry.
 */
package dev.turnpike.lightning.node;
