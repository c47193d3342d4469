package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.metrics.GatewayMetrics;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.proxy.ProxySettings;
import dev.turnpike.gateway.proxy.Upstreams;
import dev.turnpike.gateway.route.RouteTable;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which handlers a clear-text connection ends up with, for each way it starts. */
class PlainInitializerTest {

    /** An empty SETTINGS frame: what a client sends right after the preface. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private final Upstreams upstreams = new Upstreams(new ProxySettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            NioSocketChannel.class));
    /** Its parent is a server channel: Netty's HTTP/2 multiplexer tells a server's connection by that. */
    private final EmbeddedChannel ch = new EmbeddedChannel(new LocalServerChannel(), DefaultChannelId.newInstance(),
            true, false) {
        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }
    };

    PlainInitializerTest() {
        Pipeline pipeline = Pipeline.builder()
                .routes(new RouteTable(List.of()))
                .upstreams(upstreams)
                .metrics(GatewayMetrics.create())
                .clock(Clock.systemUTC())
                .build();
        ch.pipeline().addLast(new PlainInitializer(new Protocols(pipeline, ServerLimits.DEFAULT, true, null)));
    }

    @AfterEach
    void close() {
        ch.finishAndReleaseAll();
        upstreams.close();
    }

    private void receive(String ascii) {
        receive(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private void receive(byte[] bytes) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes));
        ch.runPendingTasks();
    }

    private String sent() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    private static byte[] preface() {
        ByteBuf preface = Http2CodecUtil.connectionPrefaceBuf();
        try {
            return ByteBufUtil.getBytes(preface);
        } finally {
            preface.release();
        }
    }

    private List<String> handlers() {
        return ch.pipeline().names().stream().map(n -> n.replaceAll("#\\d+$", ""))
                .filter(n -> !n.startsWith("DefaultChannelPipeline$")).toList();
    }

    @Test
    void afterAFirstHttp11RequestAnUpgradeIsNotOfferedAnyMore() {
        receive("GET /nothing HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertThat(sent()).startsWith("HTTP/1.1 404");

        receive("GET /nothing HTTP/1.1\r\nHost: gw\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n");
        assertThat(sent()).startsWith("HTTP/1.1 404");
        assertThat(handlers()).doesNotContain("HttpServerUpgradeHandler");
    }

    @Test
    void anUpgradedConnectionCarriesOnlyTheHttp2Stack() {
        receive("GET /nothing HTTP/1.1\r\nHost: gw\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n");
        assertThat(sent()).startsWith("HTTP/1.1 101");
        receive(preface());
        receive(EMPTY_SETTINGS);

        assertThat(handlers()).containsExactly(ClientTimeouts.NAME, "Http2FrameCodec", "Http2MultiplexHandler",
                ClientErrors.NAME);
    }

    @Test
    void aPriorKnowledgeConnectionCarriesOnlyTheHttp2Stack() {
        receive(preface());
        receive(EMPTY_SETTINGS);

        assertThat(handlers()).containsExactly(ClientTimeouts.NAME, "Http2FrameCodec", "Http2MultiplexHandler",
                ClientErrors.NAME);
    }
}
