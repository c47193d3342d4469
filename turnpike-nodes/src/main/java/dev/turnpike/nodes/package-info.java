/** Clients of real Lightning nodes over their REST APIs. */
package dev.turnpike.nodes;
