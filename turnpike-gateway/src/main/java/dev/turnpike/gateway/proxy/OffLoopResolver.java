package dev.turnpike.gateway.proxy;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Looks up upstream host names off the event loop. Netty's default resolver asks {@link InetAddress} on the
 * calling thread, which for the proxy is an event loop: one slow DNS answer would stall every connection served
 * by it. The lookup itself is still the JDK's, so {@code /etc/hosts}, the system's resolver and the JDK's address
 * cache apply as for any Java program; only the thread changes. IP literals are answered at once. A lookup
 * that takes longer than its timeout fails the connection attempt (the thread keeps waiting for the answer).
 */
final class OffLoopResolver extends AddressResolverGroup<InetSocketAddress> {

    private final Executor lookups;
    private final Duration timeout;

    /** {@code lookups} runs the blocking lookups; a rejected or late lookup fails the connection attempt. */
    OffLoopResolver(Executor lookups, Duration timeout) {
        this.lookups = lookups;
        this.timeout = timeout;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new InetSocketAddressResolver(loop, new Names(loop, lookups, timeout));
    }

    private static final class Names extends InetNameResolver {
        private final Executor lookups;
        private final Duration timeout;

        Names(EventExecutor loop, Executor lookups, Duration timeout) {
            super(loop);
            this.lookups = lookups;
            this.timeout = timeout;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
            if (literal != null) {
                promise.setSuccess(literal);
                return;
            }
            lookUp(host, promise, () -> InetAddress.getByName(host));
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
            if (literal != null) {
                promise.setSuccess(List.of(literal));
                return;
            }
            lookUp(host, promise, () -> Arrays.asList(InetAddress.getAllByName(host)));
        }

        private <T> void lookUp(String host, Promise<T> promise, Lookup<T> lookup) {
            ScheduledFuture<?> late = executor().schedule(() -> promise.tryFailure(
                    new UnknownHostException(host + ": no answer within " + timeout.toMillis() + " ms")),
                    timeout.toNanos(), TimeUnit.NANOSECONDS);
            promise.addListener(done -> late.cancel(false));
            try {
                lookups.execute(() -> {
                    try {
                        promise.trySuccess(lookup.run());
                    } catch (UnknownHostException | RuntimeException e) {
                        promise.tryFailure(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                promise.tryFailure(e);
            }
        }
    }

    private interface Lookup<T> {
        T run() throws UnknownHostException;
    }
}
