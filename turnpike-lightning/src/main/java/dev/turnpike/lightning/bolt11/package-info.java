/**
 * BOLT #11 invoices: {@link dev.turnpike.lightning.bolt11.Bolt11Invoice#decode decoding} with signature
 * verification and {@link dev.turnpike.lightning.bolt11.Bolt11Invoice.Builder#sign encoding} with a private
 * key. Pure code: no I/O, no clock (timestamps are arguments).
 */
package dev.turnpike.lightning.bolt11;
