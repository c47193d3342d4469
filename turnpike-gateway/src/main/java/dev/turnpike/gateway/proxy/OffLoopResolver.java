package dev.turnpike.gateway.proxy;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Looks up upstream host names off the event loop. Netty's default resolver asks {@link InetAddress} on the
 * calling thread, which for the proxy is an event loop: one slow DNS answer would stall every connection served
 * by it. The lookup itself is still the JDK's, so {@code /etc/hosts}, the system's resolver and the JDK's address
 * cache apply as for any Java program; only the thread changes. IP literals are answered at once.
 */
final class OffLoopResolver extends AddressResolverGroup<InetSocketAddress> {

    private final Executor lookups;

    /** {@code lookups} runs the blocking lookups; a rejected lookup fails the connection attempt. */
    OffLoopResolver(Executor lookups) {
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor loop) {
        return new InetSocketAddressResolver(loop, new Names(loop, lookups));
    }

    private static final class Names extends InetNameResolver {
        private final Executor lookups;

        Names(EventExecutor loop, Executor lookups) {
            super(loop);
            this.lookups = lookups;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
            if (literal != null) {
                promise.setSuccess(literal);
                return;
            }
            lookUp(promise, () -> InetAddress.getByName(host));
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
            if (literal != null) {
                promise.setSuccess(List.of(literal));
                return;
            }
            lookUp(promise, () -> Arrays.asList(InetAddress.getAllByName(host)));
        }

        private <T> void lookUp(Promise<T> promise, Lookup<T> lookup) {
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
