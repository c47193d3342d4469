package dev.turnpike.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.proxy.ProxySettings;
import dev.turnpike.gateway.proxy.Upstreams;
import dev.turnpike.gateway.route.RouteTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the exchange handler reads: auto-read stays on, and it pauses only while messages pile up. */
class ExchangeHandlerReadingTest {

    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();

    private EmbeddedChannel channel() {
        JsonApi api = new JsonApi() {
            @Override
            public String prefix() {
                return "/api";
            }

            @Override
            public ApiResponse handle(ApiRequest request) {
                return ApiResponse.json(200, Map.of("path", request.path(), "bytes", request.body().length));
            }
        };
        Pipeline pipeline = Pipeline.builder()
                .routes(new RouteTable(List.of()))
                .upstreams(new Upstreams(new ProxySettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
                        NioSocketChannel.class)))
                .metrics(GatewayMetrics.create())
                .clock(Clock.systemUTC())
                .mount(api, jobs::add)
                .build();
        return new EmbeddedChannel(new HttpServerCodec(), pipeline.newHandlers("http")[0]) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("127.0.0.1", 40000);
            }
        };
    }

    private String runJobsAndReadOut(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 100 && (!jobs.isEmpty() || ch.hasPendingTasks()); i++) {
            Runnable job = jobs.poll();
            if (job != null) {
                job.run();
            }
            ch.runPendingTasks();
        }
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out.toString();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aKeepAliveConnectionStaysReadableBetweenExchanges() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < 3; i++) {
            ch.writeInbound(Unpooled.copiedBuffer("GET /api/a HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
            assertThat(ch.config().isAutoRead()).isTrue();
            assertThat(count(runJobsAndReadOut(ch), "HTTP/1.1 200")).isEqualTo(1);
            assertThat(ch.config().isAutoRead()).isTrue();
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void pipelinedRequestsWaitTheirTurnAndPauseReadingUntilServed() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /api/y HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /api/z HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        // the first request waits for its API call; the two behind it are queued, and reading stops
        assertThat(jobs).hasSize(1);
        assertThat(ch.config().isAutoRead()).isFalse();
        String out = runJobsAndReadOut(ch);
        assertThat(count(out, "HTTP/1.1 200")).isEqualTo(3);
        assertThat(out.indexOf("/x")).isLessThan(out.indexOf("/y"));
        assertThat(out.indexOf("/y")).isLessThan(out.indexOf("/z"));
        assertThat(out).contains("\"bytes\":5");
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void bodyBytesThatNobodyAskedForPauseReading() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /api/y HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(ch.config().isAutoRead()).isTrue();  // a head alone may wait without pausing
        ch.writeInbound(Unpooled.copiedBuffer("defg", StandardCharsets.US_ASCII));
        assertThat(ch.config().isAutoRead()).isFalse(); // its body may not
        String out = runJobsAndReadOut(ch);
        assertThat(count(out, "HTTP/1.1 200")).isEqualTo(2);
        assertThat(out).contains("\"bytes\":3").contains("\"bytes\":4");
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }
}
