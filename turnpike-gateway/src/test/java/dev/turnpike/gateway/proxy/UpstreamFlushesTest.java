package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpstreamFlushesTest {

    @Test
    void writesGoOutOnceTheLoopsCurrentWorkIsDoneNotAtOnce() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        try {
            int outAtOnce = loop.submit(() -> {
                first.write("request 1");
                UpstreamFlushes.flushSoon(loop, first);
                second.write("request 2");
                UpstreamFlushes.flushSoon(loop, second);
                first.write("body of request 1");
                UpstreamFlushes.flushSoon(loop, first);
                return first.outboundMessages().size() + second.outboundMessages().size();
            }).get();
            loop.submit(() -> { }).get(); // queued after the flush task

            assertThat(outAtOnce).isZero();
            assertThat(first.outboundMessages()).containsExactly("request 1", "body of request 1");
            assertThat(second.outboundMessages()).containsExactly("request 2");
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWriteMadeWhileARoundIsFlushedGoesOutInTheNextRound() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        EmbeddedChannel upstream = new EmbeddedChannel();
        try {
            loop.submit(() -> {
                // as a request body does: the first write's completion sends the next chunk
                upstream.write("head").addListener(f -> {
                    upstream.write("chunk");
                    UpstreamFlushes.flushSoon(loop, upstream);
                });
                UpstreamFlushes.flushSoon(loop, upstream);
            }).get();
            loop.submit(() -> { }).get(); // the first round ran, and scheduled the second before this
            loop.submit(() -> { }).get();

            assertThat(upstream.outboundMessages()).containsExactly("head", "chunk");
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLoopThatNoLongerTakesTasksGetsItsWritesFlushedAtOnce() throws Exception {
        EventLoop loop = new DefaultEventLoop();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
        EmbeddedChannel upstream = new EmbeddedChannel();
        upstream.write("request");
        UpstreamFlushes.flushSoon(loop, upstream);
        assertThat(upstream.outboundMessages()).containsExactly("request");
    }
}
