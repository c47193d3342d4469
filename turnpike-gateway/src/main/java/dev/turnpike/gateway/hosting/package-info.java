/**
 * What a JSON API hosted by the gateway sees: {@link dev.turnpike.gateway.hosting.JsonApi}, the
 * {@link dev.turnpike.gateway.hosting.ApiRequest} it handles and the {@link dev.turnpike.gateway.hosting.ApiAnswer}
 * it gives. Free of Netty and of the pipeline, so the APIs ({@code api}, {@code bifrost}) and the pipeline stages
 * that serve them both depend on this package and not on each other.
 */
package dev.turnpike.gateway.hosting;
