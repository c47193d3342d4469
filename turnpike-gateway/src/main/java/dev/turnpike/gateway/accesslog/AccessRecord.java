package dev.turnpike.gateway.accesslog;

import dev.turnpike.l402.TokenId;
import java.net.InetAddress;

/**
 * One finished request, as the event loop saw it; formatted later, on the writer thread. It holds no credential:
 * the target is reduced to its path and query keys when written ({@link AccessLine#target}), on the writer thread, as
 * is everything else that takes more than a field's copy.
 *
 * @param endMillis     when the response ended (epoch milliseconds)
 * @param client        the client: the peer, or the address a trusted proxy forwarded for
 * @param method        the request method
 * @param target        the request target as received
 * @param path          the gateway's normalised path, shown instead of the target's, or null before the pipeline
 * @param status        the response status; 0 when the client went away before any response
 * @param service       the service that took the request, or null
 * @param auth          how it was admitted or not: {@code paid}, {@code delegated}, {@code free}, {@code freebie},
 *                      {@code refused}; or null where no service decides (APIs, 404s)
 * @param reason        the refusal's reason, the word of the problem's {@code reason} member; or null
 * @param tokenId       the L402 token's id when it was valid, or null
 * @param wallet        the Bifrost wallet (issuer) key, base58, of a valid delegated token; or null
 * @param bytesIn       request body bytes read
 * @param bytesOut      response body bytes written
 * @param upstreamNanos from sending the request upstream to the response head; -1 when not forwarded
 * @param totalNanos    from the request head to the end of the response
 */
public record AccessRecord(long endMillis, InetAddress client, String method, String target, String path, int status,
        String service, String auth, String reason, TokenId tokenId, String wallet, long bytesIn, long bytesOut,
        long upstreamNanos, long totalNanos) {}
