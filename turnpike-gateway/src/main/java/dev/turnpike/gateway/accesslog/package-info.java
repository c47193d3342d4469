/**
 * The access log: the event loop hands each finished request over as a small immutable {@link
 * dev.turnpike.gateway.accesslog.AccessRecord}; a writer thread of its own formats and writes it. Nothing here blocks
 * the event loop, and nothing here sees a credential.
 */
package dev.turnpike.gateway.accesslog;
