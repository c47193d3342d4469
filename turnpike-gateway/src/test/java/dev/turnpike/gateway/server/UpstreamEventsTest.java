package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An upstream that refuses connections is one event (turnpike.event.upstream), not one per request. */
class UpstreamEventsTest {

    @Test
    void aRefusingUpstreamIsOneRateLimitedEventWithoutStackTrace() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (EventLog log = new EventLog("turnpike.event.upstream");
                Gateway gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of(
                                GatewayTest.route("down", "http://127.0.0.1:1", new AuthPolicy.None())))))
                        .listen(new InetSocketAddress("127.0.0.1", 0))
                        .build()) {
            String base = "http://127.0.0.1:" + gateway.start().get(0).getPort();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/down/x"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(502);
            }
            assertThat(log.events()).hasSize(1);
            assertThat(log.events().get(0).getFormattedMessage()).isEqualTo("upstream of down failed: connect_refused");
            assertThat(log.events().get(0).getThrowableProxy()).isNull();
            assertThat(EventLog.keyValues(log.events().get(0)))
                    .containsExactly("service=down", "upstream=127.0.0.1:1", "kind=connect_refused", "suppressed=0");
        }
    }
}
