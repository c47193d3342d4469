package dev.turnpike.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffLoopResolverTest {

    private final EventLoop loop = new DefaultEventLoop();
    /** Lookups handed to the executor, run only when the test says so: a DNS answer that takes its time. */
    private final Queue<Runnable> held = new ArrayDeque<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private AddressResolver<InetSocketAddress> resolver(java.util.concurrent.Executor lookups) {
        return new OffLoopResolver(lookups, Duration.ofSeconds(30)).getResolver(loop);
    }

    @Test
    void aNameIsLookedUpOnTheLookupThreadsWhileTheEventLoopGoesOn() throws Exception {
        AddressResolver<InetSocketAddress> resolver = resolver(held::add);
        Future<InetSocketAddress> resolved = loop.submit(
                () -> resolver.resolve(InetSocketAddress.createUnresolved("localhost", 8080))).get();

        assertThat(resolved.isDone()).as("the answer has not come yet").isFalse();
        assertThat(loop.submit(() -> "free").get(1, TimeUnit.SECONDS)).isEqualTo("free");

        held.remove().run();
        InetSocketAddress address = resolved.get(1, TimeUnit.SECONDS);
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        assertThat(address.getPort()).isEqualTo(8080);
    }

    @Test
    void ipLiteralsAreAnsweredAtOnce() throws Exception {
        AddressResolver<InetSocketAddress> resolver = resolver(held::add);
        for (String literal : new String[] {"127.0.0.1", "::1"}) {
            Future<InetSocketAddress> resolved = loop.submit(
                    () -> resolver.resolve(InetSocketAddress.createUnresolved(literal, 443))).get();
            assertThat(resolved.isDone()).isTrue();
            assertThat(resolved.getNow().getAddress()).isEqualTo(InetAddress.getByName(literal));
        }
        assertThat(held).as("no lookup thread needed").isEmpty();
    }

    @Test
    void aLookupWithoutAnswerInTimeFailsTheAttemptWithTheHostName() throws Exception {
        AddressResolver<InetSocketAddress> resolver =
                new OffLoopResolver(held::add, Duration.ofMillis(50)).getResolver(loop);
        Future<InetSocketAddress> resolved = loop.submit(
                () -> resolver.resolve(InetSocketAddress.createUnresolved("localhost", 80))).get().await();
        assertThat(resolved.cause()).isInstanceOf(UnknownHostException.class)
                .hasMessage("localhost: no answer within 50 ms");
        held.remove().run(); // the late answer changes nothing
        assertThat(resolved.cause()).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void aLookupThatCannotBeQueuedFailsTheAttempt() throws Exception {
        AddressResolver<InetSocketAddress> resolver = resolver(task -> {
            throw new RejectedExecutionException("full");
        });
        Future<InetSocketAddress> resolved = loop.submit(
                () -> resolver.resolve(InetSocketAddress.createUnresolved("localhost", 80))).get().await();
        assertThat(resolved.cause()).isInstanceOf(RejectedExecutionException.class);
    }
}
