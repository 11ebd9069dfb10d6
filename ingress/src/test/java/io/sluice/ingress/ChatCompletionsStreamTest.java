package io.sluice.ingress;

import static io.sluice.ingress.HttpHarness.chat;
import static io.sluice.ingress.HttpHarness.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ResponseStatus;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code stream: true}: the server-sent events a client gets from CHUNK and FINAL replies, byte for byte. */
class ChatCompletionsStreamTest {
    private static final long CREATED = HttpHarness.NOW.getEpochSecond();
    private final HttpHarness http = new HttpHarness(HttpHarness.settings(64 * 1024), List.of());

    @AfterEach
    void close() {
        http.close();
    }

    private String stream(String options) {
        http.send(chat("{\"model\":\"mock-echo\",\"stream\":true" + options
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        return http.submitter.last().getRequestId();
    }

    private static String chunk(String id, String delta, String finish, boolean usageNull) {
        return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"mock-echo\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]" + (usageNull ? ",\"usage\":null" : "")
                + "}\n\n";
    }

    private void replyChunks(String id, String... deltas) {
        for (int i = 0; i < deltas.length; i++) {
            http.chunk(Replies.chunk(id, i + 1, deltas[i]));
        }
    }

    @Test
    void given_three_chunks_and_a_final_then_the_client_gets_openai_chunks_a_finish_chunk_and_done() {
        String id = stream("");

        replyChunks(id, "Hel", "lo", "!");
        http.submitter.reply(Replies.finalReply(Replies.success(id, "Hello!")));
        HttpHarness.Streamed streamed = http.streamed();

        assertThat(streamed.head().status().code()).isEqualTo(200);
        assertThat(streamed.head().headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(streamed.head().headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        assertThat(streamed.head().headers().get("x-request-id")).isEqualTo(id);
        assertThat(HttpUtil.isTransferEncodingChunked(streamed.head())).isTrue();
        assertThat(streamed.head().headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
        assertThat(streamed.body()).isEqualTo(
                chunk(id, "{\"role\":\"assistant\",\"content\":\"Hel\"}", "null", false)
                        + chunk(id, "{\"content\":\"lo\"}", "null", false)
                        + chunk(id, "{\"content\":\"!\"}", "null", false)
                        + chunk(id, "{}", "\"stop\"", false)
                        + "data: [DONE]\n\n");
        assertThat(streamed.ended()).as("the chunked body ends cleanly").isTrue();
        assertThat(http.channel.isOpen()).as("keep-alive").isTrue();
        assertThat(http.metrics.inFlight()).isZero();
        assertThat(http.counter("chat_completions", 200)).isEqualTo(1);
    }

    @Test
    void given_include_usage_then_every_chunk_has_usage_null_and_a_usage_chunk_precedes_done() {
        String id = stream(",\"stream_options\":{\"include_usage\":true}");

        replyChunks(id, "Hel", "lo", "!");
        http.submitter.reply(Replies.finalReply(Replies.success(id, "Hello!")));

        assertThat(http.streamed().body()).isEqualTo(
                chunk(id, "{\"role\":\"assistant\",\"content\":\"Hel\"}", "null", true)
                        + chunk(id, "{\"content\":\"lo\"}", "null", true)
                        + chunk(id, "{\"content\":\"!\"}", "null", true)
                        + chunk(id, "{}", "\"stop\"", true)
                        + "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                        + ",\"model\":\"mock-echo\",\"system_fingerprint\":null,\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n"
                        + "data: [DONE]\n\n");
    }

    @Test
    void given_a_final_without_chunks_then_the_whole_message_is_one_chunk_followed_by_the_finish() {
        String id = stream("");

        http.submitter.reply(Replies.finalReply(Replies.success(id, "Hello!")));
        HttpHarness.Streamed streamed = http.streamed();

        assertThat(streamed.head().headers().get("x-sluice-provider")).isEqualTo("mock");
        assertThat(streamed.body()).isEqualTo(
                chunk(id, "{\"role\":\"assistant\",\"content\":\"Hello!\"}", "null", false)
                        + chunk(id, "{}", "\"stop\"", false)
                        + "data: [DONE]\n\n");
        assertThat(streamed.ended()).isTrue();
        assertThat(http.registry.find(Telemetry.SERVER_TIME_TO_FIRST_TOKEN)
                .tag(Telemetry.TAG_REQUEST_MODEL, "mock-echo").timer().count()).isEqualTo(1);
    }

    @Test
    void given_an_error_before_any_chunk_then_the_client_gets_the_json_error_with_its_status() {
        String id = stream("");

        http.submitter.reply(Replies.finalReply(Replies.rejected(id, 429, "rate_limit_error", "rate_limit_exceeded", 7L)));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.status().code()).isEqualTo(429);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(response.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("7");
        assertThat(response.headers().get("x-request-id")).isEqualTo(id);
        assertThat(error(response).get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(http.channel.isOpen()).isTrue();
    }

    @Test
    void given_an_error_after_chunks_then_an_error_event_ends_the_stream_and_the_connection_without_done() {
        String id = stream("");
        replyChunks(id, "Hel", "lo");

        AiResponse failed = Replies.response(id, ResponseStatus.ERROR)
                .setError(io.sluice.avro.ErrorInfo.newBuilder().setHttpStatus(502).setType("server_error")
                        .setCode("provider_error").setMessage("The provider failed mid-answer.").build())
                .build();
        http.submitter.reply(Replies.finalReply(failed));
        HttpHarness.Streamed streamed = http.streamed();

        assertThat(streamed.body()).isEqualTo(
                chunk(id, "{\"role\":\"assistant\",\"content\":\"Hel\"}", "null", false)
                        + chunk(id, "{\"content\":\"lo\"}", "null", false)
                        + "data: {\"error\":{\"message\":\"The provider failed mid-answer.\",\"type\":\"server_error\","
                        + "\"param\":null,\"code\":\"provider_error\"}}\n\n");
        assertThat(streamed.body()).doesNotContain("[DONE]");
        assertThat(streamed.ended()).as("no clean end of the chunked body").isFalse();
        assertThat(http.channel.isOpen()).isFalse();
        assertThat(http.metrics.inFlight()).isZero();
        assertThat(http.registry.find(Telemetry.SERVER_REQUEST_DURATION)
                .tag(Telemetry.TAG_ERROR_TYPE, "502").timer().count()).isEqualTo(1);
    }

    @Test
    void given_replayed_or_out_of_order_chunks_then_each_sequence_is_written_once() {
        String id = stream("");

        http.chunk(Replies.chunk(id, 1, "Hel"));
        http.chunk(Replies.chunk(id, 2, "lo"));
        http.chunk(Replies.chunk(id, 1, "Hel"));
        http.chunk(Replies.chunk(id, 2, "lo"));
        http.chunk(Replies.chunk(id, 3, "!"));
        http.submitter.reply(Replies.finalReply(Replies.success(id, "Hello!")));

        assertThat(http.streamed().body()).isEqualTo(
                chunk(id, "{\"role\":\"assistant\",\"content\":\"Hel\"}", "null", false)
                        + chunk(id, "{\"content\":\"lo\"}", "null", false)
                        + chunk(id, "{\"content\":\"!\"}", "null", false)
                        + chunk(id, "{}", "\"stop\"", false)
                        + "data: [DONE]\n\n");
    }

    @Test
    void given_a_first_chunk_then_the_timeout_restarts_from_each_chunk_and_idleness_ends_the_stream_with_a_timeout_event() {
        String id = stream("");
        http.advanceTime(Duration.ofSeconds(29));
        replyChunks(id, "Hel");
        http.advanceTime(Duration.ofSeconds(29));
        http.chunk(Replies.chunk(id, 2, "lo"));
        http.advanceTime(Duration.ofSeconds(29));
        assertThat(http.channel.isOpen()).as("each chunk restarts the timeout").isTrue();

        http.advanceTime(Duration.ofSeconds(1));
        HttpHarness.Streamed streamed = http.streamed();

        assertThat(streamed.body()).endsWith(chunk(id, "{\"content\":\"lo\"}", "null", false)
                + "data: {\"error\":{\"message\":\"The model stopped sending its answer for longer than the request "
                + "timeout.\",\"type\":\"timeout\",\"param\":null,\"code\":\"gateway_timeout\"}}\n\n");
        assertThat(streamed.ended()).isFalse();
        assertThat(http.channel.isOpen()).isFalse();
        assertThat(http.submitter.cancelled).containsExactly(id);
        assertThat(http.metrics.inFlight()).isZero();
    }

    @Test
    void given_no_chunk_within_the_timeout_then_504_json_as_without_streaming() {
        String id = stream("");

        http.advanceTime(Duration.ofSeconds(30));
        FullHttpResponse response = http.nextResponse();

        assertThat(response.status().code()).isEqualTo(504);
        assertThat(error(response).get("type").asText()).isEqualTo("timeout");
        assertThat(http.submitter.cancelled).containsExactly(id);
    }

    @Test
    void given_a_client_that_disconnects_mid_stream_then_the_request_is_cancelled_and_nothing_more_is_written() {
        String id = stream("");
        replyChunks(id, "Hel");
        http.streamed();

        http.channel.close();
        http.channel.runPendingTasks();
        http.chunk(Replies.chunk(id, 2, "lo"));

        assertThat(http.submitter.cancelled).containsExactly(id);
        assertThat(http.submitter.reasons).containsEntry(id, RequestSubmitter.CLIENT_CLOSED);
        assertThat(http.submitter.isPending(id)).isFalse();
        assertThat(http.metrics.inFlight()).isZero();
        assertThat(http.counter("chat_completions", Exchange.CLIENT_CLOSED)).isEqualTo(1);
        assertThat(http.registry.find(Telemetry.SERVER_TIME_TO_FIRST_TOKEN).timer().count()).isEqualTo(1);
    }

    @Test
    void given_keep_alive_when_a_stream_ends_then_the_next_request_on_the_connection_is_answered() {
        String id = stream("");
        http.submitter.reply(Replies.finalReply(Replies.success(id, "one")));
        assertThat(http.streamed().ended()).isTrue();

        http.send(chat(HttpHarness.minimalChat()));
        http.submitter.reply(Replies.successFor(http.submitter.last(), "two"));
        FullHttpResponse second = http.nextResponse();

        assertThat(second.status().code()).isEqualTo(200);
        assertThat(HttpHarness.json(second).get("choices").get(0).get("message").get("content").asText())
                .isEqualTo("two");
    }

    @Test
    void given_connection_close_when_a_stream_ends_then_the_connection_closes_after_done() {
        FullHttpRequest request = chat("{\"model\":\"mock-echo\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        http.send(request);
        String id = http.submitter.last().getRequestId();

        replyChunks(id, "bye");
        http.submitter.reply(Replies.finalReply(Replies.success(id, "bye")));
        HttpHarness.Streamed streamed = http.streamed();

        assertThat(streamed.head().headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
        assertThat(streamed.ended()).isTrue();
        assertThat(http.channel.isOpen()).isFalse();
    }
}
