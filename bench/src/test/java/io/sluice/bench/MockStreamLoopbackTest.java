package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The mock's streams and the generator's stream accounting together, over loopback, for about a second. */
class MockStreamLoopbackTest {

    private static final Duration FIRST_TOKEN = Duration.ofMillis(30);

    @Test
    void theGeneratorTimesTheMocksFirstTokenAndCountsEveryChunk() throws Exception {
        // given a mock that sends the role chunk at once and 5 tokens from 30 ms on, 2 ms apart
        try (MockUpstream upstream = new MockUpstream(0, Duration.ZERO, 1, new StreamShape(5, FIRST_TOKEN,
                Duration.ofMillis(2))).start();
             LoadGenerator load = new LoadGenerator(HttpTarget.streamingPost(upstream.baseUrl() + "/chat/completions",
                     GatewayBench.STREAM_REQUEST_BODY, null), 1, Duration.ofSeconds(5))) {

            // when two connections stream back to back for 600 ms
            LoadResult result = load.closedLoop("loopback", 2, Duration.ZERO, Duration.ofMillis(600));

            // then every stream ended with [DONE] after 5 tokens, the first at 30 ms or later (not the role chunk)
            StreamFigures streams = result.streams();
            assertThat(result.ok()).isGreaterThanOrEqualTo(10);
            assertThat(result.non2xx()).isZero();
            assertThat(result.lostStreams()).isZero();
            assertThat(streams.minChunks()).isEqualTo(5);
            assertThat(streams.maxChunks()).isEqualTo(5);
            assertThat(streams.ttftPercentileMicros(0)).isGreaterThanOrEqualTo(FIRST_TOKEN.toNanos() / 1000);
            assertThat(result.percentileMicros(0)).isGreaterThanOrEqualTo((FIRST_TOKEN.toNanos() + 4 * 2_000_000) / 1000);
            assertThat(upstream.streamed()).isGreaterThanOrEqualTo(result.ok());
        }
    }

    @Test
    void theMockAnswersAStreamAsChunkedServerSentEvents() throws Exception {
        // given a mock streaming 3 tokens without delay
        try (MockUpstream upstream = new MockUpstream(0, Duration.ZERO, 1,
                new StreamShape(3, Duration.ZERO, Duration.ZERO)).start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            // when a client asks for a stream with usage
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString(GatewayBench.STREAM_REQUEST_BODY)).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then it is a chunked event stream of role, 3 tokens, finish, usage and [DONE]
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue(MockStream.EVENT_STREAM);
            assertThat(response.headers().firstValue("transfer-encoding")).hasValue("chunked");
            assertThat(response.body().split("\n\n")).hasSize(7);
            assertThat(response.body()).contains("\"model\":\"bench-model\"", "\"completion_tokens\":3")
                    .endsWith("data: [DONE]\n\n");
            assertThat(upstream.streamed()).isEqualTo(1);
            assertThat(upstream.served()).isZero();
        }
    }
}
