package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.AuthPolicy;
import dev.turnpike.gateway.route.RouteTable;
import dev.turnpike.gateway.route.ServiceRoute;
import dev.turnpike.gateway.route.Upstream;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real grpc-java client and server (h2c upstream) through the gateway: unary, server streaming, trailers, 402. */
class GrpcThroughGatewayTest {

    static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static MethodDescriptor<String, String> method(String service, String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
                .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
    }

    static final MethodDescriptor<String, String> UNARY = method("test.Echo", "Unary", MethodDescriptor.MethodType.UNARY);
    static final MethodDescriptor<String, String> COUNT =
            method("test.Echo", "Count", MethodDescriptor.MethodType.SERVER_STREAMING);
    static final MethodDescriptor<String, String> PAID = method("test.Paid", "Unary", MethodDescriptor.MethodType.UNARY);

    static L402Fixture l402;
    static Server server;
    static Gateway gateway;
    static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        l402 = new L402Fixture();
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(ServerServiceDefinition.builder("test.Echo")
                        .addMethod(UNARY, ServerCalls.asyncUnaryCall((req, out) -> {
                            out.onNext("echo " + req);
                            out.onCompleted();
                        }))
                        .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((req, out) -> {
                            for (int i = 1; i <= Integer.parseInt(req); i++) {
                                out.onNext("n" + i);
                            }
                            out.onError(Status.NOT_FOUND.withDescription("no more").asRuntimeException());
                        }))
                        .build())
                .build().start();
        Upstream up = Upstream.parse("h2c://127.0.0.1:" + server.getPort());
        gateway = Gateway.builder(Pipeline.builder()
                .routes(new RouteTable(List.of(
                        new ServiceRoute("echo", null, Pattern.compile("/test\\.Echo/.*"), up, new AuthPolicy.None(),
                                List.of(), List.of()),
                        new ServiceRoute("paid", null, Pattern.compile("/test\\.Paid/.*"), up, GatewayTest.PAID,
                                List.of(), List.of()))))
                .verifier(l402.verifier).minter(l402.minter).clock(l402.clock))
                .listen(new InetSocketAddress("127.0.0.1", 0)).build();
        int port = gateway.start().get(0).getPort();
        channel = Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        l402.close();
    }

    static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void unaryCallsPassThrough() {
        assertThat(ClientCalls.blockingUnaryCall(channel, UNARY, options(), "hi")).isEqualTo("echo hi");
        assertThat(ClientCalls.blockingUnaryCall(channel, UNARY, options(), "again")).isEqualTo("echo again");
    }

    @Test
    void serverStreamingPassesWithItsTrailers() {
        List<String> got = new ArrayList<>();
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingServerStreamingCall(channel, COUNT, options(), "3").forEachRemaining(got::add));
        assertThat(got).containsExactly("n1", "n2", "n3");
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND); // grpc-status from the upstream's trailers
        assertThat(e.getStatus().getDescription()).isEqualTo("no more");
    }

    @Test
    void anUnpaidCallGetsTheChallengeAsATrailersOnlyResponse() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, PAID, options(), "hi"));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(e.getStatus().getDescription()).isEqualTo("payment required");
        Iterable<String> challenges = e.getTrailers().getAll(
                Metadata.Key.of("www-authenticate", Metadata.ASCII_STRING_MARSHALLER));
        assertThat(challenges).hasSize(2);
        assertThat(challenges.iterator().next()).startsWith("LSAT macaroon=");
    }
}
