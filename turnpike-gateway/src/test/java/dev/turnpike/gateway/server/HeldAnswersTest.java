package dev.turnpike.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.hosting.ApiAnswer;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.hosting.EventSink;
import dev.turnpike.gateway.hosting.JsonApi;
import dev.turnpike.gateway.hosting.ServerSentEvent;
import dev.turnpike.gateway.pipeline.Pipeline;
import dev.turnpike.gateway.route.RouteTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON API plumbing for answers that come later (long-poll) and event streams, over real HTTP: no thread
 * waits, the client going away is noticed, the connection serves the next request afterwards, and the number of
 * held requests is bounded.
 */
class HeldAnswersTest {

    /** An API whose late answers and streams the test completes by hand. */
    private static final class Controlled implements JsonApi {
        final BlockingQueue<CompletableFuture<ApiResponse>> waiting = new LinkedBlockingQueue<>();
        final BlockingQueue<EventSink> streams = new LinkedBlockingQueue<>();
        final CountDownLatch streamClosed = new CountDownLatch(1);
        volatile Duration heartbeat = Duration.ofSeconds(15);

        @Override
        public String prefix() {
            return "/held";
        }

        @Override
        public int maxHeldRequests() {
            return 2;
        }

        @Override
        public ApiAnswer handle(ApiRequest request) {
            return switch (request.path()) {
                case "/now" -> ApiResponse.json(200, Map.of("now", true));
                case "/later" -> {
                    CompletableFuture<ApiResponse> f = new CompletableFuture<>();
                    waiting.add(f);
                    yield new ApiAnswer.Later(f);
                }
                case "/events" -> new ApiAnswer.EventStream(Map.of("X-Stream", "yes"), heartbeat, sink -> {
                    sink.onClose(streamClosed::countDown);
                    sink.send(new ServerSentEvent("hello", "{\"n\":0}", "0"));
                    streams.add(sink);
                });
                default -> ApiResponse.problem(404, "Not Found", "no");
            };
        }
    }

    private final Controlled api = new Controlled();
    private Gateway gateway;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        gateway = Gateway.builder(Pipeline.builder().routes(new RouteTable(List.of())))
                .listen(new InetSocketAddress("127.0.0.1", 0))
                .mount(api)
                .build();
        base = URI.create("http://127.0.0.1:" + gateway.start().get(0).getPort());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).build();
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aLateAnswerIsWrittenWhenItsFutureCompletesAndTheConnectionServesOn(HttpClient.Version version)
            throws Exception {
        HttpClient http = client(version);
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/held/later")).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<ApiResponse> waiter = api.waiting.poll(10, TimeUnit.SECONDS);
        assertThat(waiter).isNotNull();
        assertThat(pending).isNotDone();

        waiter.complete(ApiResponse.json(200, Map.of("state", "approved")));
        HttpResponse<String> answered = pending.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("{\"state\":\"approved\"}");

        HttpResponse<String> next = http.send(HttpRequest.newBuilder(base.resolve("/held/now")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).isEqualTo("{\"now\":true}");
    }

    @Test
    void aLateAnswerThatFailsIsAnswered500WithoutDetail() throws Exception {
        CompletableFuture<HttpResponse<String>> pending = client(HttpClient.Version.HTTP_1_1).sendAsync(
                HttpRequest.newBuilder(base.resolve("/held/later")).build(), HttpResponse.BodyHandlers.ofString());
        api.waiting.poll(10, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("secret detail"));
        HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("secret");
    }

    @Test
    void aClientThatGoesAwayCancelsTheLateAnswer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.getOutputStream().write("GET /held/later HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            CompletableFuture<ApiResponse> waiter = api.waiting.poll(10, TimeUnit.SECONDS);
            assertThat(waiter).isNotNull();
            s.close();
            waiter.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
            assertThat(waiter).isCancelled();
        }
    }

    @Test
    void heldRequestsAreBoundedAndAPlaceIsFreedWhenOneIsAnswered() throws Exception {
        HttpClient http = client(HttpClient.Version.HTTP_1_1);
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        List<CompletableFuture<ApiResponse>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/held/later")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            waiters.add(api.waiting.poll(10, TimeUnit.SECONDS));
        }
        HttpResponse<String> third = http.send(HttpRequest.newBuilder(base.resolve("/held/later")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(api.waiting.poll(10, TimeUnit.SECONDS)).isCancelled();

        waiters.get(0).complete(ApiResponse.json(200, Map.of()));
        assertThat(held.get(0).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        CompletableFuture<HttpResponse<String>> fourth = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/held/later")).build(), HttpResponse.BodyHandlers.ofString());
        api.waiting.poll(10, TimeUnit.SECONDS).complete(ApiResponse.json(201, Map.of()));
        assertThat(fourth.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        waiters.get(1).complete(ApiResponse.json(200, Map.of()));
    }

    @Test
    void eventStreamsTakeHeldPlacesAndGiveThemBackWhenTheyEnd() throws Exception {
        HttpClient http = client(HttpClient.Version.HTTP_1_1);
        List<EventSink> sinks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(base.resolve("/held/events")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(r.statusCode()).isEqualTo(200);
            sinks.add(api.streams.poll(10, TimeUnit.SECONDS));
        }
        HttpResponse<String> third = http.send(HttpRequest.newBuilder(base.resolve("/held/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(api.streams).isEmpty(); // the refused stream was never opened

        sinks.get(0).close();
        assertThat(api.streamClosed.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> later = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/held/later")).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<ApiResponse> waiter = api.waiting.poll(10, TimeUnit.SECONDS);
        assertThat(waiter).isNotNull().isNotCancelled(); // held in the place the ended stream gave back
        waiter.complete(ApiResponse.json(200, Map.of()));
        assertThat(later.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        sinks.get(1).close();
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void anEventStreamDeliversEventsInOrderAndEndsWhenTheApiClosesIt(HttpClient.Version version) throws Exception {
        HttpClient http = client(version);
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(base.resolve("/held/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(r.headers().firstValue("X-Stream")).hasValue("yes");
        Iterator<String> lines = r.body().iterator();
        assertThat(List.of(lines.next(), lines.next(), lines.next(), lines.next()))
                .containsExactly("id: 0", "event: hello", "data: {\"n\":0}", "");

        EventSink sink = api.streams.poll(10, TimeUnit.SECONDS);
        assertThat(sink.send(new ServerSentEvent("state", "{\"n\":1}", null))).isTrue();
        assertThat(sink.send(new ServerSentEvent("state", "{\"n\":2}", null))).isTrue();
        sink.close();
        List<String> rest = new ArrayList<>();
        lines.forEachRemaining(rest::add);
        assertThat(rest).containsExactly("event: state", "data: {\"n\":1}", "", "event: state", "data: {\"n\":2}", "");
        assertThat(api.streamClosed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.send(new ServerSentEvent("late", "{}", null))).isFalse();

        HttpResponse<String> next = http.send(HttpRequest.newBuilder(base.resolve("/held/now")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.body()).isEqualTo("{\"now\":true}");
    }

    @Test
    void anIdleEventStreamSendsHeartbeatComments() throws Exception {
        api.heartbeat = Duration.ofMillis(20);
        HttpResponse<Stream<String>> r = client(HttpClient.Version.HTTP_1_1).send(
                HttpRequest.newBuilder(base.resolve("/held/events")).build(), HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = r.body().iterator();
        for (int i = 0; i < 4; i++) {
            lines.next(); // the hello event
        }
        assertThat(lines.next()).isEqualTo(": heartbeat");
        api.streams.poll(10, TimeUnit.SECONDS).close();
    }

    @Test
    void aClientThatGoesAwayEndsTheEventStream() throws Exception {
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /held/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            EventSink sink = api.streams.poll(10, TimeUnit.SECONDS);
            assertThat(sink).isNotNull();
            s.close();
            assertThat(api.streamClosed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sink.send(new ServerSentEvent("late", "{}", null))).isFalse();
        }
    }
}
