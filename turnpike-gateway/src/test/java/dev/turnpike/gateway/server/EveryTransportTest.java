package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proxy on each socket layer usable here: the rest of the suite runs on {@link Transport#best()} only, while a
 * machine without io_uring (or without the native libraries) runs the gateway on epoll or NIO.
 */
class EveryTransportTest {

    static L402Fixture l402;
    static TestUpstream upstream;

    @BeforeAll
    static void setUp() throws Exception {
        l402 = new L402Fixture();
        upstream = new TestUpstream();
    }

    @AfterAll
    static void tearDown() {
        upstream.close();
        l402.close();
    }

    static List<Transport> transports() {
        List<Transport> usable = new ArrayList<>(List.of(Transport.NIO));
        if (Epoll.isAvailable()) {
            usable.add(Transport.EPOLL);
        }
        if (IoUring.isAvailable()) {
            usable.add(Transport.IO_URING);
        }
        return usable;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void paidRequestsBodiesBothWaysAndH2c(Transport transport) throws Exception {
        try (Gateway g = GatewayEdgeTest.gateway(l402, upstream).transport(transport).ioThreads(2)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            String base = "http://127.0.0.1:" + g.start().get(0).getPort();
            HttpClient h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            String auth = GatewayEdgeTest.buyToken(l402, h1, base + "/quotes/a");
            // concurrent paid requests: several upstream connections, each flushed after its event-loop batch
            List<CompletableFuture<HttpResponse<String>>> paid = IntStream.range(0, 32)
                    .mapToObj(i -> h1.sendAsync(HttpRequest.newBuilder(URI.create(base + "/quotes/p" + i))
                            .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()))
                    .toList();
            for (int i = 0; i < paid.size(); i++) {
                assertThat(paid.get(i).get().statusCode()).isEqualTo(200);
                assertThat(paid.get(i).get().body()).isEqualTo("GET /quotes/p" + i);
            }

            byte[] upload = new byte[3 * 1024 * 1024 + 7];
            HttpResponse<String> posted = h1.send(HttpRequest.newBuilder(URI.create(base + "/open/upload"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.body()).isEqualTo("received " + upload.length);

            HttpResponse<InputStream> big = h1.send(HttpRequest.newBuilder(URI.create(base + "/open/big?n=5242880"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = big.body()) {
                assertThat(in.readAllBytes()).hasSize(5242880);
            }

            HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            HttpResponse<String> upgraded = GatewayEdgeTest.get(h2, base + "/open/h2c");
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(upgraded.body()).isEqualTo("GET /open/h2c");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void closingTheGatewayClosesKeptAliveConnections(Transport transport) throws Exception {
        Gateway g = GatewayEdgeTest.gateway(l402, upstream).transport(transport)
                .listen(new InetSocketAddress("127.0.0.1", 0)).build();
        try (Socket socket = new Socket("127.0.0.1", g.start().get(0).getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /open/kept HTTP/1.1\r\nHost: gw\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            g.close();
            // the rest of the response, then the end of the stream: not a read that waits for ever
            assertThat(in.readAllBytes()).asString(StandardCharsets.US_ASCII).endsWith("GET /open/kept");
        } finally {
            g.close();
        }
    }
}
